export * from './document.js';
export * from './ids.js';
