export * from './terminal-protocol';
export * from './console-protocol';
