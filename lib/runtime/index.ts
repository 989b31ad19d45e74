// The function runtime: everything a function needs to read a request and write a response.

export * from './composite.js';
export * from './conditions.js';
export * from './handler.js';
export * from './json.js';
export * from './reemit.js';
export * from './request.js';
export * from './requirements.js';
export * from './response.js';
