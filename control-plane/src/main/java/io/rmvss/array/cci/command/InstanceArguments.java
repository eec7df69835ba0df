package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.horcm.InstanceNumber;
import java.util.ArrayList;
import java.util.List;

/** The instance numbers horcmstart / horcmshutdown take: their arguments, else HORCMINST, else the default instance. */
final class InstanceArguments {
    private InstanceArguments() {
    }

    static List<InstanceNumber> parse(Invocation inv) throws ArrayException {
        List<InstanceNumber> numbers = new ArrayList<>();
        for (String arg : inv.options().positionals()) {
            InstanceNumber n = InstanceNumber.parse(arg);
            if (n == null) {
                throw new ArrayException(CciError.EX_INVARG, "'" + arg + "' is not an instance number (0-" + InstanceNumber.MAX + ")");
            }
            if (!numbers.contains(n)) {
                numbers.add(n);
            }
        }
        if (numbers.isEmpty()) {
            numbers.add(inv.instanceNumber());
        }
        return numbers;
    }
}
