package org.serspark.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
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

    static final int UNWIND_SECONDS = 15;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        // On SIGTERM/Ctrl-C the JVM halts as soon as its shutdown hooks end, Spark's among them; this one holds the
        // halt until the command has unwound (at most UNWIND_SECONDS), so its last line is printed and an output
        // being committed is committed
        CountDownLatch unwound = new CountDownLatch(1);
        Thread hold = new Thread(() -> {
            if (!Boolean.getBoolean("serspark.verbose")) {
                // Spark's RPC threads log the executors they can no longer reach, with stack traces
                Configurator.setLevel("org.apache.spark", Level.OFF);
            }
            try {
                unwound.await(UNWIND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serspark-unwind");
        Runtime.getRuntime().addShutdownHook(hold);
        try {
            return parseAndRun(args);
        } finally {
            unwound.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hold);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it returns now
            }
        }
    }

    private static int parseAndRun(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (outOfMemory(ex)) {
                // in local mode Spark exits the JVM (status 52) when a task runs out of heap, which also looks like a
                // shutdown below: say what happened instead of "interrupted"
                cmd.getErr().println("serspark " + cmd.getCommandName() + ": " + outOfMemoryMessage(
                        cmd.getCommandName()));
                cmd.getErr().flush();
                return 52;
            }
            if (shuttingDown()) {
                // Ctrl-C or a scheduler's SIGTERM: Spark's shutdown hook cancelled the running job, which is not a
                // failure to report with a stack trace; the JVM exits with the signal's status whatever we return
                cmd.getErr().println("serspark " + cmd.getCommandName() + ": interrupted; " + resumeHint(
                        cmd.getCommandName()));
                cmd.getErr().flush();
                return 130;
            }
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

    /** True once the JVM has begun to shut down (a signal, or System.exit elsewhere). */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** True when {@code ex} or a cause is an OutOfMemoryError, or a Spark job failure reporting one from a task. */
    static boolean outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError
                    || (t.getMessage() != null && t.getMessage().contains("java.lang.OutOfMemoryError"))) {
                return true;
            }
        }
        return false;
    }

    static String outOfMemoryMessage(String command) {
        return "out of memory (java.lang.OutOfMemoryError in a Spark task, the JVM's heap is "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): give it more with SERSPARK_DRIVER_MEMORY "
                + "(spark-submit/serspark, default 6g; on a cluster spark.executor.memory), or fewer clips per "
                + "epoch (training.speed_perturbation, pitch_perturbation); " + resumeHint(command);
    }

    static String resumeHint(String command) {
        return switch (command) {
            case "extract", "train" -> "finished work is kept: rerun the same command with --resume to go on";
            case "cv", "sweep", "pipeline" -> "finished work is kept: rerun the same command to go on";
            case "download" -> "the partial download is kept: rerun the same command to go on";
            default -> "rerun the command";
        };
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
