declare module 'process/browser.js';
