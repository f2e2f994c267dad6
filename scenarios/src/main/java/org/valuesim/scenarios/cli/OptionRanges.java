package org.valuesim.scenarios.cli;

import org.valuesim.scenarios.scenario.InputException;

/** Numeric command-line options outside their range are bad input: one line naming the option, exit 2. */
final class OptionRanges {

    private OptionRanges() {
    }

    /**
     * @param why what the bounds come from, or null
     */
    static void require(String option, long value, long min, long max, String why) throws InputException {
        if (value < min || value > max) {
            throw new InputException(option + ": must be between " + min + " and " + max + ", got " + value
                    + (why == null ? "" : " (" + why + ")"));
        }
    }
}
