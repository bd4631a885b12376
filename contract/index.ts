export * from './answers';
export * from './api';
export * from './events';
export * from './journey';
export * from './languages';
export * from './result';
export * from './service';
export * from './session';
