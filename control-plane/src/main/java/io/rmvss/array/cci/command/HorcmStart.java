package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.CommandDevices;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.horcm.ConfLocator;
import io.rmvss.array.horcm.HorcmConf;
import io.rmvss.array.horcm.HorcmConfException;
import io.rmvss.array.horcm.HorcmConfParser;
import io.rmvss.array.horcm.InstanceNumber;
import io.rmvss.array.horcm.StartedInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * horcmstart [inst ...]: reads and checks each instance's horcmNN.conf now (later edits need a restart),
 * then starts it. Instances that fail do not stop the others; the exit code is 1 when any failed.
 */
public final class HorcmStart implements CciCommand {
    private static final int FAILED = 1;

    @Override
    public String name() { return "horcmstart"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("horcmstart [instance# ...]").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        List<InstanceNumber> numbers = InstanceArguments.parse(inv);
        int exit = 0;
        inv.context().changes().lock();
        try {
            for (InstanceNumber n : numbers) {
                inv.out().println("starting HORCM" + suffix(n));
                Optional<String> failure = start(inv, n, numbers.size() == 1);
                if (failure.isEmpty()) {
                    inv.out().println("HORCM" + suffix(n) + " starts successfully.");
                } else {
                    inv.err().println("HORCM" + suffix(n) + " has failed to start.");
                    inv.err().println("horcmstart: " + failure.get());
                    inv.context().instances().failedToStart(n, failure.get());
                    exit = FAILED;
                }
            }
        } finally {
            inv.context().changes().unlock();
        }
        return exit;
    }

    private static String suffix(InstanceNumber n) {
        return n.isDefault() ? "" : " " + n.label();
    }

    /** Empty on success, else why the instance did not start and what to do. */
    private static Optional<String> start(Invocation inv, InstanceNumber n, boolean single) {
        if (inv.context().instances().get(n).isPresent()) {
            return Optional.of("instance " + n + " is already running; it keeps the configuration it read at start:"
                    + " run horcmshutdown" + (n.isDefault() ? "" : " " + n.value()) + " first to restart it");
        }
        Path file = ConfLocator.locate(n, inv.env(), inv.cwd(), single);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return Optional.of(file + " does not exist; " + ConfLocator.howToPoint(n));
        } catch (IOException e) {
            return Optional.of(file + " cannot be read: " + e.getMessage());
        }
        HorcmConf conf;
        try {
            conf = HorcmConfParser.parse(file, text);
        } catch (HorcmConfException e) {
            return Optional.of(e.getMessage());
        }
        if (CommandDevices.primary(inv.context().array(), conf).isEmpty()) {
            return Optional.of("no usable command device in HORCM_CMD of " + file + ": "
                    + CommandDevices.whyUnusable(inv.context().array(), conf));
        }
        List<String> clashes = new ArrayList<>();
        for (StartedInstance other : inv.context().instances().all()) {
            if (other.conf().monitor().service().equals(conf.monitor().service())) {
                clashes.add("instance " + other.number());
            }
        }
        if (!clashes.isEmpty()) {
            return Optional.of("service " + conf.monitor().service() + " of HORCM_MON (" + file + " line " + conf.monitor().lineNumber()
                    + ") is already used by " + String.join(", ", clashes) + "; give each instance its own service");
        }
        try {
            inv.context().instances().start(new StartedInstance(n, conf, text));
        } catch (RuntimeException e) {
            return Optional.of("the instance state could not be saved: " + e.getMessage());
        }
        return Optional.empty();
    }

}
