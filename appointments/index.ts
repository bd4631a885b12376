export { startAppointmentServer, type AppointmentServer } from './start-appointments';
export type { AppointmentServerOptions } from './config';
export type { FaultRule } from './faults';
export { SAMPLE_CATALOGUE } from './sample-data';
