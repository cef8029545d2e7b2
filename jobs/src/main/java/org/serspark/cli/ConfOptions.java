package org.serspark.cli;

import java.nio.file.Path;
import org.serspark.conf.SersparkConf;
import picocli.CommandLine.Option;

/** Options every command shares: which configuration file, and how chatty. */
public final class ConfOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "Configuration YAML (default: $SERSPARK_CONF, else conf/serspark.yaml of the checkout, "
                    + "else built-in defaults). Flags override it.")
    Path conf;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "paper",
            description = "Configuration profile conf/profiles/NAME.yaml laid over the configuration "
                    + "(default: ${DEFAULT-VALUE}, the paper's settings).")
    String profile;

    @Option(names = "--verbose", description = "Show Spark's own INFO logs.")
    boolean verbose;

    public SersparkConf load() {
        if (verbose) {
            System.setProperty("serspark.verbose", "true");
        }
        return SersparkConf.load(conf, profile);
    }
}
