// The methodology every report and the dashboard carry: the definitions (PRODUCT.md), what each
// signal can and cannot see, and the blind spots. Plain text, so HTML and Markdown both render it.

export interface MethodologySection {
  heading: string;
  paragraphs: string[];
  items?: string[];
}

export const methodology: MethodologySection[] = [
  {
    heading: "Definitions",
    paragraphs: [],
    items: [
      "Active repository in month M: at least one non-merge commit on its default branch whose committer date falls in M (UTC). The default branch's commits are all those reachable from its head, merged branches included (what git log --no-merges lists). Active repositories are the denominator of every share.",
      "Agent commit: a non-merge default-branch commit with strong evidence of a coding agent — a vendor's co-author trailer, an attribution trailer naming an agent's tool (Assisted-by: Claude Code), a vendor's generated-with marker, a link to an agent's session, task or thread (claude.ai/code/session_…, chatgpt.com/codex/tasks/…, ampcode.com/threads/…), or an agent bot as author or committer. Prose that merely mentions an agent is not evidence; a model named without its tool is weak evidence only.",
      "Repository with agent activity in M: an active repository with at least one agent commit in M, or a merge commit in M whose own message carries strong agent evidence (it counts for the month, never as an extra commit), or an agent pull request opened in M, or a strong agent config file present on the default branch by the end of M (dated by the commit that brought it onto the default branch — a merge, for a file written on a branch — where known; otherwise from when it was first seen).",
      "Merge commits: a merge is neither an active commit nor an agent commit, so the denominator and the commit counts are non-merge commits only. A merge's own message often keeps the pull request's description, and with it an agent's marker the merged commits do not carry: that evidence counts toward the repository's agent activity in the merge's month, without adding a commit (weak evidence only widens the upper bound). The git backend knows merges by their parents; the GitHub API backend and push webhooks by GitHub's and git's merge subjects.",
      "Share: repositories with agent activity ÷ active repositories, per month, with a 95% Wilson score interval (chosen because shares near 0 and small denominators make the normal interval collapse). The denominator is printed beside every share.",
      "Lower and upper bound: strong signals alone give the headline, a lower bound; adding weak signals (a branch prefix, a workflow file name, a weaker marker) gives an upper bound. Both are published.",
      "First seen: a repository's first agent activity is the first month, in its stored history, in which it was active with a strong coding-agent signal in any channel; the new adopters of month M are the repositories whose first agent activity falls in M. History starts where the scan's window starts, so the first months of a store overstate newness.",
      "Retention: of the repositories whose first agent activity falls in month M, the share with agent activity again in at least one of the next 1, 3 and 6 months (M+1 … M+k), with a 95% Wilson interval. A window that has not closed by the end of the range is not yet known and shown as —. A config file still present in a later active month counts as activity again.",
      "Intensity: among the repositories with agent activity in month M, the share of each repository's non-merge default-branch commits in M that are agent commits; the median, 75th and 90th percentile across repositories (continuous percentiles). A repository whose activity is only a config file or a pull request counts as 0%.",
      "Coding agents vs review assistants: a commit co-authored by an AI review bot because someone applied its suggestion (Copilot code review, Gemini Code Assist, CodeRabbit, …) is AI assistance, not agent activity. The catalog marks each agent's class; the headline counts coding agents only and review assistants are reported beside it.",
    ],
  },
  {
    heading: "What each signal can and cannot see",
    paragraphs: [],
    items: [
      "Commits: see co-author trailers, generated-with markers and agent bot authors on the default branch. They cannot see agent work whose attribution was switched off, squashed away or rewritten, nor work on branches that were never merged.",
      "Pull requests: see pull requests opened by agent accounts (Copilot coding agent, Devin, Jules, …) or carrying an agent's marker. They miss agents run from a developer's own machine under the developer's account — most commit-detected adopters never open a bot pull request.",
      "Config files: see agent instruction and settings files (CLAUDE.md, .cursor/rules, AGENTS.md, …) on the default branch. A file says a project set an agent up, not how much it is used; a file left behind after the team stopped still counts until it is removed. Files in vendored or generated trees (vendor/, node_modules/, third_party/, … as GitHub Linguist marks them, and what the repository's .gitattributes marks linguist-vendored or linguist-generated) belong to other projects and do not count.",
      "No single channel is enough: every channel undercounts on its own, so the headline combines commits, pull requests and config files, and each channel is also shown alone.",
    ],
  },
  {
    heading: "Known blind spots",
    paragraphs: ["These make the headline a lower bound, or in the last case inflate it; read the bounds with them in mind."],
    items: [
      "Squash merges: squashing a pull request keeps its title and often drops the agent's co-author trailer, so agent commits vanish from the default branch.",
      "Attribution switched off: Claude Code, aider and others let users turn their trailers off (includeCoAuthoredBy: false, --no-attribute-co-authored-by), and many do.",
      "Bot-author lookup alone finds only a few percent of Claude Code commits: most are authored by the person and marked only by a trailer.",
      "Since October 2025, GitHub's public events feed — and so GH Archive — no longer carries commit messages, so trailers must come from the commits API or from git itself; studies built on GH Archive alone lose them.",
      "Config files in repositories that are not software (notes, dotfiles, prompt collections) count like any other active repository with such a file.",
      "Activity outside the default branch, in forks that never merge back, and in private repositories of a public project is not seen.",
      "Agents not in the catalog, or new attribution formats, are not recognised until the catalog learns them.",
    ],
  },
  {
    heading: "Privacy",
    paragraphs: [
      "Public reports, the dashboard, the API and badges read public repositories only; a cohort member that turns private leaves every public figure. Only commit shas, dates, agent ids, evidence kinds and the matched marker are stored — no commit message bodies, no personal email addresses.",
    ],
  },
];
