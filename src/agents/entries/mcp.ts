import type { AgentEntry } from "../entry.js";

export const mcp: AgentEntry = {
  id: "mcp",
  name: "MCP server config",
  vendor: "Model Context Protocol convention",
  homepage: "https://modelcontextprotocol.io",
  class: "coding-agent",
  convention: true,
  // Tools configure MCP servers for agents, but an MCP config alone does not prove one is used.
  configPaths: [
    { path: ".mcp.json", strength: "weak", example: ".mcp.json" },
    { path: ".vscode/mcp.json", strength: "weak", example: ".vscode/mcp.json" },
    { path: ".cursor/mcp.json", strength: "weak", example: ".cursor/mcp.json" },
  ],
};
