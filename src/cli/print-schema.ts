import { writeFileSync } from "node:fs";
import path from "node:path";
import { appModules } from "../app";
import { buildAppSchema, printSortedSchema } from "../schema";

/** `npm run schema`: writes the committed schema.graphql from the running schema. */
writeFileSync(path.resolve(__dirname, "../../../schema.graphql"), printSortedSchema(buildAppSchema(appModules())));
