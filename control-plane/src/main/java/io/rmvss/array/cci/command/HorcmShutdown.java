package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.horcm.InstanceNumber;
import java.util.ArrayList;
import java.util.List;

/** horcmshutdown [inst ...]: stops the instances; an instance that is not running is EX_ATTHOR, as attaching to it fails. */
public final class HorcmShutdown implements CciCommand {
    @Override
    public String name() { return "horcmshutdown"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("horcmshutdown [instance# ...]").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        List<InstanceNumber> numbers = InstanceArguments.parse(inv);
        List<InstanceNumber> notRunning = new ArrayList<>();
        inv.context().changes().lock();
        try {
            for (InstanceNumber n : numbers) {
                if (!n.isDefault()) {
                    inv.out().println(n.label() + ":");
                }
                if (inv.context().instances().stop(n)) {
                    inv.out().println("HORCM Shutdown" + (n.isDefault() ? "" : " " + n.label()) + " !!!");
                } else {
                    notRunning.add(n);
                }
            }
        } finally {
            inv.context().changes().unlock();
        }
        if (!notRunning.isEmpty()) {
            throw new ArrayException(CciError.EX_ATTHOR, "HORCM instance " + notRunning.stream().map(InstanceNumber::toString)
                    .reduce((a, b) -> a + ", " + b).orElseThrow() + " is not running; nothing to shut down");
        }
        return 0;
    }
}
