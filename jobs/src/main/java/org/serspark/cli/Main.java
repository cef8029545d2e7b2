package org.serspark.cli;

import org.serspark.BuildInfo;
import org.serspark.conf.ConfigException;
import org.serspark.extract.ExtractException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The serspark command line: one subcommand per job. */
@Command(name = "serspark",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Speech emotion recognition on Apache Spark: librosa-exact features, DL4J-on-Spark "
                + "dual-layer LSTM, per-actor cross-validation.",
        subcommands = {
            PipelineCommand.class,
            SynthCommand.class,
            ExtractCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            CvCommand.class,
            SweepCommand.class,
            FeaturesCommand.class,
            BenchCommand.class,
            DownloadCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // expected failures get one clear line, not a stack trace
            if (ex instanceof ConfigException || ex instanceof ExtractException || ex instanceof UserException
                    || ex instanceof java.io.IOException || ex instanceof IllegalArgumentException
                    || ex instanceof IllegalStateException) {
                cmd.getErr().println("serspark " + cmd.getCommandName() + ": " + ex.getMessage());
                if (Boolean.getBoolean("serspark.verbose")) {
                    ex.printStackTrace(cmd.getErr());
                }
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"serspark " + BuildInfo.current().codeVersion(),
                "Java " + System.getProperty("java.version")};
        }
    }
}
