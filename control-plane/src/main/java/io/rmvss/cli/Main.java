package io.rmvss.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rmvss} launcher: one entry point, a subcommand per job. */
@Command(name = "rmvss", mixinStandardHelpOptions = true, version = "rmvss 0.1.0",
        description = "RM Shadow Copy Provider (VSS hardware provider for Hitachi arrays via CCI): control plane, simulated array, tools.",
        subcommands = {ServeCommand.class, StatusCommand.class, SetsCommand.class, EventsCommand.class, GrpcBenchCommand.class, ArrayCommand.class,
                DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // A failed job prints what went wrong and how to fix it, not a stack trace.
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println(command.getCommandName() + ": " + e.getMessage());
            if (System.getenv("RMVSS_DEBUG") != null) {
                e.printStackTrace(command.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
