// The store's public surface: everything other modules may import from "src/store/index.js".
export * from "./api.js";
export * from "./errors.js";
export * from "./crawls.js";
export * from "./paired-months.js";
export * from "./audit.js";
export * from "./adoption-measures.js";
