import { sqliteEngine } from "../helpers/store-engines.ts";
import { describeRepositoryContract } from "./repository-contract.ts";

describeRepositoryContract(sqliteEngine);
