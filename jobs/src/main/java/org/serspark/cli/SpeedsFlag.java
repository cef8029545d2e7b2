package org.serspark.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --test-speeds} value: factors such as {@code 0.9,1.1}, or {@code none} for no copies, so that a flag can
 * also switch off what a profile sets (profile {@code best} scores played test copies).
 */
final class SpeedsFlag {
    private SpeedsFlag() {
    }

    /** Null when the flag was not given (the configuration decides), empty for {@code none}. */
    static List<Double> parse(String flag, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() == 1 && values.get(0).trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(Double.parseDouble(v.trim()));
            } catch (NumberFormatException e) {
                throw new UserException(flag + ": '" + v + "' is not a number; give factors such as 0.9,1.1, or none");
            }
        }
        return out;
    }
}
