// pitchlint for VS Code: starts `pitchlint lsp` over stdio for Markdown and plain-text documents.
// Everything the user sees (diagnostics, hover, quick fixes) comes from the language server; this
// file only starts it, passes the settings on, and restarts it when the command path changes.

import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "pitchlint";
const LANGUAGES = ["markdown", "plaintext"];

let client: LanguageClient | undefined;

/** The keys the server reads from initializationOptions and didChangeConfiguration. */
interface ServerSettings {
  debounce_ms: number;
  ignore: string[];
}

function serverSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    debounce_ms: config.get<number>("debounceMs", 300),
    ignore: config.get<string[]>("ignore", []),
  };
}

/**
 * The executable to run: a bare name is looked up on PATH by the system, an absolute path is
 * used as it is, and any other path is taken relative to the first workspace folder.
 */
export function resolveCommand(configured: string | undefined, folder: string | undefined): string {
  const command = (configured ?? "").trim() || "pitchlint";
  const isBareName = !command.includes("/") && !command.includes("\\");
  if (isBareName || path.isAbsolute(command) || folder === undefined) {
    return command;
  }
  return path.resolve(folder, command);
}

function createClient(): LanguageClient {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const command = resolveCommand(vscode.workspace.getConfiguration(SECTION).get<string>("path"), folder);
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"], // the client adds --stdio for this transport; pitchlint accepts it
    transport: TransportKind.stdio,
    options: folder === undefined ? undefined : { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: { [SECTION]: serverSettings() },
    synchronize: {
      // The server checks open messages again when its configuration files change.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/.pitchlint.toml"),
        vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
      ],
    },
  };
  return new LanguageClient("pitchlint", "pitchlint", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const command = vscode.workspace.getConfiguration(SECTION).get<string>("path", "pitchlint");
    void vscode.window.showErrorMessage(
      `pitchlint: could not start "${command} lsp" (${String(error)}). ` +
        "Install pitchlint, or set pitchlint.path to the command.",
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("pitchlint.restart", restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        await restart();
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
