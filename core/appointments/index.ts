export { AppointmentError, type AppointmentClient, type BookingCode, type Contact } from './appointment-client';
export { appointmentsConfigSchema, readAppointmentsConfig, type AppointmentsConfig } from './config';
export { ZmsAppointmentClient } from './zms-client';
