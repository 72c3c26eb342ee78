import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** A Pulumi project as the CLI sees it: Pulumi.yaml plus one stack's Pulumi.<stack>.yaml. */
export interface ProjectStack {
    /** Directory holding Pulumi.yaml. */
    readonly root: string;
    readonly project: string;
    readonly stack: string;
    /** Absolute path of the program the nodejs language host would `require`. */
    readonly program: string;
    /** Config in the CLI's wire form: "ns:key" -> string (structured values are JSON). */
    readonly config: Record<string, string>;
    /** Keys whose values were `secure:` in the stack file; they hold placeholders offline. */
    readonly secretKeys: string[];
    /** Packages whose default providers are disabled (`pulumi:disable-default-providers`). */
    readonly disabledDefaultProviders: string[];
}

export class ProjectError extends Error {}

interface ProjectFile {
    name?: string;
    main?: string;
    config?: Record<string, unknown>;
}

interface StackFile {
    config?: Record<string, unknown>;
}

/** A project or stack file that is not valid YAML, located as `<file>:<line>:<column>: <problem>`. */
export class ProjectSyntaxError extends ProjectError {}

function readYaml<T>(file: string): T {
    if (!fs.existsSync(file)) {
        throw new ProjectError(`${path.basename(file)} not found in ${path.dirname(file)}`);
    }
    try {
        return (yaml.load(fs.readFileSync(file, "utf8"), { filename: path.basename(file) }) ?? {}) as T;
    } catch (err) {
        if (err instanceof yaml.YAMLException) {
            // js-yaml counts lines and columns from 0; editors and compilers from 1.
            const at = err.mark ? `:${err.mark.line + 1}:${err.mark.column + 1}` : "";
            throw new ProjectSyntaxError(`${path.basename(file)}${at}: ${err.reason}`);
        }
        throw err;
    }
}

/** Lists the stacks that have a Pulumi.<stack>.yaml beside Pulumi.yaml. */
export function listStacks(root: string): string[] {
    return fs
        .readdirSync(root)
        .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The CLI hands structured values to the program as JSON and scalars as plain strings. */
function toWire(value: unknown): string {
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function isSecure(value: unknown): value is { secure: string } {
    return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}

export function loadProjectStack(root: string, stack: string, secretPlaceholder: (key: string) => string): ProjectStack {
    const project = readYaml<ProjectFile>(path.join(root, "Pulumi.yaml"));
    if (!project.name) {
        throw new ProjectError("Pulumi.yaml has no `name`");
    }
    const stackFile = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const known = listStacks(root).join(", ") || "none";
        throw new ProjectError(`no stack "${stack}": ${path.basename(stackFile)} does not exist (stacks: ${known})`);
    }
    const stackConfig = readYaml<StackFile>(stackFile).config ?? {};

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const hasValue = typeof declaration === "object" && declaration !== null && "value" in declaration;
        const value = hasValue ? (declaration as { value: unknown }).value : declaration;
        if (value !== undefined && (hasValue || typeof declaration !== "object")) {
            config[qualify(project.name, key)] = toWire(value);
        }
    }
    for (const [key, value] of Object.entries(stackConfig)) {
        const qualified = qualify(project.name, key);
        if (isSecure(value)) {
            config[qualified] = secretPlaceholder(qualified);
            secretKeys.push(qualified);
        } else {
            config[qualified] = toWire(value);
        }
    }

    const disabled = config["pulumi:disable-default-providers"];
    return {
        root,
        project: project.name,
        stack,
        program: path.resolve(root, project.main ?? "."),
        config,
        secretKeys,
        disabledDefaultProviders: disabled ? (JSON.parse(disabled) as string[]) : [],
    };
}
