import type { AgentEntry } from "../entry.js";

// Replit writes its trailers into every checkpoint commit of the Agent (and of the Assistant).
// "Replit-Commit-Author: Deployment" marks a publish ("Published your App"), not agent work, and
// such commits are authored "Replit Agent <agent@replit.com>": the address proves nothing.
export const replit: AgentEntry = {
  id: "replit",
  name: "Replit Agent",
  vendor: "Replit",
  homepage: "https://replit.com/ai",
  class: "coding-agent",
  trailers: [
    { key: "Replit-Commit-Author", value: /^(?:agent|assistant)$/i, strength: "strong", example: "Replit-Commit-Author: Agent" },
    // The companions of an agent checkpoint.
    { key: "Replit-Commit-Session-Id", strength: "strong", example: "Replit-Commit-Session-Id: c723f457-f9f7-4aa8-a936-b93747336b4b" },
    { key: "Replit-Commit-Checkpoint-Type", strength: "strong", example: "Replit-Commit-Checkpoint-Type: full_checkpoint" },
    { key: "Replit-Commit-Event-Id", strength: "strong", example: "Replit-Commit-Event-Id: ef4d1ed6-2cf2-4451-be58-1a4e34fcb1da" },
    {
      key: "Replit-Commit-Screenshot-Url",
      value: /^https:\/\/storage\.googleapis\.com\/screenshot-production-/i,
      strength: "strong",
      example: "Replit-Commit-Screenshot-Url: https://storage.googleapis.com/screenshot-production-us-central1/6e9b87bf-d68e-48f7-82cb-83a95a456e99/c723f457-f9f7-4aa8-a936-b93747336b4b",
    },
  ],
  configPaths: [
    // The Agent's project memory.
    { path: "replit.md", strength: "strong", example: "replit.md" },
    // Replit's IDE, with or without its agent.
    { path: ".replit", strength: "weak", example: ".replit" },
    { path: "replit.nix", strength: "weak", example: "replit.nix" },
  ],
  nearMisses: [
    "Replit-Commit-Author: Deployment",
    "Replit-Commit-Deployment-Build-Id: cf3bfff2-d039-4cae-9e7e-53a1da7a616a",
    "Replit Agent <agent@replit.com>",
    "aider/website/docs/install/replit.md",
  ],
};
