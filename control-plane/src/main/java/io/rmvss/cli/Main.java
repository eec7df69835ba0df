package io.rmvss.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rmvss} launcher: one entry point, a subcommand per job. */
@Command(name = "rmvss", mixinStandardHelpOptions = true, version = "rmvss 0.1.0",
        description = "RM Shadow Copy Provider (VSS hardware provider for Hitachi arrays via CCI): control plane, simulated array, tools.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
