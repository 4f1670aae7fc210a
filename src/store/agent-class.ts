// The store never decides which agent ids are review assistants: the catalog does. The class is
// stored beside each agent id at write time so reads can keep assistants out of the headline.
import { agentClassOf } from "../agents/index.js";
import type { AgentClassifier } from "./api.js";

export const defaultClassOf: AgentClassifier = agentClassOf;
