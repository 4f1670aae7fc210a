// The public API's OpenAPI 3.1 description. docs/openapi.yaml is this document written as YAML
// (a test keeps the two equal and checks every path answers), and /api/v1/openapi.json serves it.

const month = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$", examples: ["2025-10"] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });
const notFound = json(ref("Error"), "Unknown (or private: the answer is the same) agent, repository or cohort");
const badRequest = json(ref("Error"), "A malformed month or range");

const rangeParameters = [
  { name: "cohort", in: "query", required: false, description: "A crawl cohort's name; all public repositories when absent", schema: { type: "string" } },
  { name: "from", in: "query", required: false, description: "First month (UTC); default eleven months before `to`", schema: month },
  { name: "to", in: "query", required: false, description: "Last month (UTC); default the current month", schema: month },
];
const repoParameters = [
  { name: "owner", in: "path", required: true, schema: { type: "string" } },
  { name: "name", in: "path", required: true, schema: { type: "string" } },
  {
    name: "host",
    in: "query",
    required: false,
    description: 'Where the repository lives: "github.com" (the default), a GitHub Enterprise host, or "git" for one known only by its git URL (a local clone)',
    schema: { type: "string", default: "github.com" },
  },
];

const proportion = {
  type: "object",
  required: ["count", "share", "ci95"],
  properties: {
    count: { type: "integer", description: "Repositories (the numerator)" },
    share: { type: ["number", "null"], description: "count ÷ activeRepos; null when there are no active repositories (no data is not zero)" },
    ci95: { type: ["array", "null"], items: { type: "number" }, minItems: 2, maxItems: 2, description: "95% Wilson score interval; null with share" },
  },
};

/** Fields every public repository shape shares. */
const repositoryIdentity = {
  host: { type: "string" },
  owner: { type: "string" },
  name: { type: "string" },
  url: { type: ["string", "null"] },
  stars: { type: "integer" },
  language: { type: ["string", "null"] },
};

const perAgent = { type: "object", additionalProperties: ref("Proportion"), description: "Keyed by agent id" };

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "agent-census public API",
    version: "1.0.0",
    description:
      "Coding-agent adoption in public repositories, month by month. Public data only: private and internal repositories " +
      "appear in no response, and asking for one answers exactly like asking for one that does not exist. Months are UTC.",
  },
  paths: {
    "/api/v1/cohorts": {
      get: {
        summary: "Crawl cohorts",
        responses: { "200": json({ type: "object", properties: { cohorts: { type: "array", items: ref("Cohort") } } }, "Every cohort") },
      },
    },
    "/api/v1/share": {
      get: {
        summary: "Monthly share of active repositories with agent activity",
        parameters: rangeParameters,
        responses: { "200": json(ref("Share"), "The monthly figures"), "400": badRequest, "404": notFound },
      },
    },
    "/api/v1/adoption": {
      get: {
        summary: "Beyond the share: first seen, retention and intensity",
        description:
          "New adopters per month (first agent activity in the stored history), retention of each month's adopters (agent activity again within 1, 3 and 6 months; null while the window has not closed), " +
          "and intensity (median, p75, p90 of agent commits' share of a repository's commits, among repositories with agent activity). docs/methodology.md defines each.",
        parameters: rangeParameters,
        responses: { "200": json(ref("Adoption"), "The three measures, month by month"), "400": badRequest, "404": notFound },
      },
    },
    "/api/v1/signals": {
      get: {
        summary: "Per-signal precision",
        description: "For each catalog signal people reviewed (agent-census audit), the share of sampled evidence judged correct with its 95% Wilson interval and sample size; public repositories' reviews only. Lists the signals never reviewed.",
        responses: { "200": json(ref("Precision"), "Per-signal precision") },
      },
    },
    "/api/v1/agents": {
      get: {
        summary: "The agent catalog with each agent's public figures",
        parameters: rangeParameters,
        responses: {
          "200": json({ type: "object", properties: { query: ref("Query"), agents: { type: "array", items: ref("AgentSummary") } } }, "Every agent"),
          "400": badRequest,
          "404": notFound,
        },
      },
    },
    "/api/v1/agents/{agent}": {
      get: {
        summary: "One agent: monthly share and the public repositories using it",
        parameters: [{ name: "agent", in: "path", required: true, description: "Catalog id, e.g. claude-code", schema: { type: "string" } }, ...rangeParameters],
        responses: { "200": json(ref("AgentView"), "The agent's figures"), "400": badRequest, "404": notFound },
      },
    },
    "/api/v1/repos": {
      get: {
        summary: "Public repositories, keyset-paginated",
        parameters: [
          { name: "after", in: "query", required: false, description: "The `next` value of the previous page", schema: { type: "integer", minimum: 0 } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: { "200": json(ref("RepositoryPage"), "One page"), "400": badRequest },
      },
    },
    "/api/v1/repos/{owner}/{name}": {
      get: {
        summary: "One public repository: months, agents, config files, agent pull requests, 90-day agent-commit share",
        parameters: repoParameters,
        responses: { "200": json(ref("RepositoryView"), "The repository"), "404": notFound },
      },
    },
    "/badge/{owner}/{name}.svg": {
      get: {
        summary: "Shields-style badge: the share of non-merge default-branch commits by coding agents over the last 90 days",
        parameters: repoParameters,
        responses: {
          "200": { description: "The badge", content: { "image/svg+xml": { schema: { type: "string" } } } },
          "404": { description: "Unknown or private repository (same answer)", content: { "text/plain": { schema: { type: "string" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
      Query: { type: "object", required: ["from", "to"], properties: { cohort: { type: "string" }, from: month, to: month } },
      Proportion: proportion,
      Cohort: {
        type: "object",
        properties: {
          name: { type: "string" },
          definition: { description: "The frozen selection rule" },
          frozenAt: { type: "string", format: "date-time" },
          publicMembers: { type: "integer" },
        },
      },
      MonthlyShare: {
        type: "object",
        properties: {
          month,
          activeRepos: { type: "integer", description: "The denominator: repositories with ≥ 1 non-merge default-branch commit in the month" },
          withAgent: {
            type: "object",
            description: "Strong signals (the lower bound) in any channel and by channel",
            properties: { any: ref("Proportion"), commit: ref("Proportion"), pr: ref("Proportion"), config: ref("Proportion") },
          },
          upperBound: { ...ref("Proportion"), description: "Strong or weak signals in any channel" },
          perAgent: { ...perAgent, description: "Coding agents, strong signals in any channel" },
          assistants: {
            type: "object",
            description: "Review assistants, reported beside the headline and never in it",
            properties: { any: ref("Proportion"), perAgent },
          },
        },
      },
      HeadlineEnd: {
        type: "object",
        properties: { month, share: { type: "number" }, count: { type: "integer" }, activeRepos: { type: "integer" }, ci95: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 } },
      },
      Headline: {
        type: ["object", "null"],
        properties: {
          first: ref("HeadlineEnd"),
          last: ref("HeadlineEnd"),
          ratio: { type: ["number", "null"] },
          sentence: { type: "string" },
          comparison: { oneOf: [ref("Comparison"), { type: "null" }] },
        },
      },
      Adoption: {
        type: "object",
        properties: {
          query: ref("Query"),
          cohort: { oneOf: [ref("Cohort"), { type: "null" }] },
          firstSeen: {
            type: "array",
            items: {
              type: "object",
              properties: { month, newAdopters: { type: ["integer", "null"], description: "null when no repository was active that month" }, activeRepos: { type: "integer" } },
            },
          },
          retention: {
            type: "array",
            items: {
              type: "object",
              properties: {
                month: { ...month, description: "The adopters' first agent month" },
                adopters: { type: "integer" },
                within: {
                  type: "object",
                  description: "Keyed by horizon (1, 3, 6 months); null while the window has not closed within the range",
                  additionalProperties: { oneOf: [ref("Proportion"), { type: "null" }] },
                },
              },
            },
          },
          intensity: {
            type: "array",
            items: {
              type: "object",
              properties: {
                month,
                agentRepos: { type: "integer" },
                median: { type: ["number", "null"] },
                p75: { type: ["number", "null"] },
                p90: { type: ["number", "null"] },
              },
            },
          },
        },
      },
      Precision: {
        type: "object",
        properties: {
          publicOnly: { type: "boolean" },
          catalogSignals: { type: "integer" },
          signals: {
            type: "array",
            items: {
              type: "object",
              properties: {
                signal: { type: "string", description: "agent/kind/key" },
                agent: { type: ["string", "null"] },
                strength: { type: ["string", "null"] },
                reviewed: { type: "integer" },
                correct: { type: "integer" },
                precision: { type: "number" },
                ci95: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
              },
            },
          },
          neverReviewed: { type: "array", items: { type: "string" }, description: "Ids of the catalog signals never reviewed" },
        },
      },
      Comparison: {
        type: "object",
        description: "The two months the headline compares (the first and last with an active repository); a change is claimed only when its 95% interval supports it",
        properties: {
          from: ref("CompareEnd"),
          to: ref("CompareEnd"),
          minActive: { type: "integer", description: "Least active repositories a month needs before a change is claimed" },
          difference: {
            type: ["object", "null"],
            description: "to.share − from.share with Newcombe's hybrid score 95% interval",
            properties: { estimate: { type: "number" }, ci95: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 } },
          },
          ratio: {
            type: ["object", "null"],
            description: "to.share ÷ from.share with a 95% interval: a seeded percentile bootstrap over repositories, or Katz's log interval for large scopes",
            properties: {
              estimate: { type: ["number", "null"] },
              ci95: { type: "array", items: { type: ["number", "null"] }, minItems: 2, maxItems: 2, description: "an upper bound of null is unbounded" },
              method: { type: "string", enum: ["bootstrap", "katz-log"] },
              replicates: { type: ["integer", "null"] },
              seed: { type: ["integer", "null"] },
            },
          },
          verdict: { type: "string", enum: ["more than doubled", "rose", "fell", "too few to tell"] },
          reason: { type: "string" },
          sentence: { type: "string" },
        },
      },
      CompareEnd: {
        type: "object",
        properties: {
          month,
          count: { type: "integer" },
          activeRepos: { type: "integer" },
          share: { type: ["number", "null"] },
          ci95: { type: ["array", "null"], items: { type: "number" }, minItems: 2, maxItems: 2 },
        },
      },
      Share: {
        type: "object",
        properties: {
          query: ref("Query"),
          cohort: { oneOf: [ref("Cohort"), { type: "null" }] },
          repositories: { type: "integer", description: "Public repositories in the scope" },
          headline: ref("Headline"),
          months: { type: "array", items: ref("MonthlyShare") },
        },
      },
      AgentInfo: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          vendor: { type: "string" },
          class: { type: "string", enum: ["coding-agent", "review-assistant"] },
          homepage: { type: ["string", "null"] },
        },
      },
      AgentSummary: {
        allOf: [
          ref("AgentInfo"),
          {
            type: "object",
            properties: {
              latest: { description: "The last month with active repositories, or null", oneOf: [{ type: "null" }, ref("AgentMonth")] },
              repositoryMonths: { type: "integer", description: "Sum over the range of the monthly repository counts" },
            },
          },
        ],
      },
      AgentMonth: { allOf: [ref("Proportion"), { type: "object", properties: { month, activeRepos: { type: "integer" } } }] },
      RepositorySummary: {
        type: "object",
        properties: {
          ...repositoryIdentity,
          agents: { type: "array", items: { type: "string" } },
          lastActiveMonth: { oneOf: [month, { type: "null" }] },
        },
      },
      AgentRepository: {
        allOf: [
          ref("RepositorySummary"),
          {
            type: "object",
            description: "Latest month first, then most agent commits",
            properties: {
              lastAgentMonth: { ...month, description: "The latest month in the range with a strong signal" },
              agentCommits: { type: "integer", description: "Strong agent commits in that month" },
            },
          },
        ],
      },
      AgentView: {
        type: "object",
        properties: {
          query: ref("Query"),
          agent: ref("AgentInfo"),
          months: { type: "array", items: ref("AgentMonth") },
          repositories: { type: "array", items: ref("AgentRepository") },
        },
      },
      RepositoryPage: {
        type: "object",
        properties: { repositories: { type: "array", items: ref("RepositorySummary") }, next: { type: ["integer", "null"] } },
      },
      RepositoryView: {
        type: "object",
        properties: {
          repository: {
            type: "object",
            properties: {
              ...repositoryIdentity,
              fork: { type: "boolean" },
              archived: { type: "boolean" },
              defaultBranch: { type: ["string", "null"] },
              status: { type: "string" },
              cohorts: { type: "array", items: { type: "string" } },
              lastScannedAt: { type: ["string", "null"], format: "date-time" },
            },
          },
          months: {
            type: "array",
            items: {
              type: "object",
              properties: {
                month,
                commits: { type: "integer" },
                agentCommits: { type: "integer" },
                active: { type: "boolean" },
                agentActivity: { type: "boolean" },
                agents: { type: "object", additionalProperties: { type: "object" } },
              },
            },
          },
          configFiles: { type: "array", items: { type: "object" } },
          pullRequests: { type: "array", items: { type: "object" } },
          last90Days: {
            type: "object",
            properties: {
              since: { type: "string", format: "date-time" },
              until: { type: "string", format: "date-time" },
              commits: { type: "integer" },
              agentCommits: { type: "integer" },
              share: { type: "number" },
            },
          },
        },
      },
    },
  },
} as const;
