package org.cogos.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cogos.util.io.AtomicFile;
import org.cogos.util.security.PasswordHash;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The cogos distribution as an operator runs it: unpacked from its tar.gz, configured through etc/*.cfg,
 * started with {@code bin/karaf server}, administered through {@code bin/client}. Every server port it opens is
 * a free loopback port chosen here.
 */
public final class CogosInstance implements AutoCloseable {

    /** The embedded broker's accounts file (org.cogos.broker accountsFile, empty: this, under etc/). */
    private static final String ACCOUNTS_FILE = "cogos-robots.passwd";
    /** The robot account that watches cogos's system status while it starts; robots may read that topic. */
    private static final String PROBE = "cogos-harness-probe";

    /**
     * The console user the harness logs in as, an admin. The distribution ships no console user (docs/security.md):
     * {@link #unpack} adds this one, as a site adds its own.
     */
    public static final String ADMIN = "karaf";
    public static final String ADMIN_PASSWORD = "karaf";

    private final Path home;
    private final int sshPort;
    private Process process;
    private String extraJavaOptions = "";
    private final Map<String, String> robotPasswords = new HashMap<>();

    private CogosInstance(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /**
     * Unpack the distribution into {@code workDir}, emptied first, and give it free ports. A previous run's
     * {@code data/} would otherwise keep that run's bundles in Karaf's cache and test them instead of this build's. The embedded broker gets its own
     * port; call {@link #useExternalBroker(String)} to point cogos at another one instead.
     */
    public static CogosInstance unpack(Path distribution, Path dir) throws IOException, InterruptedException {
        // Absolute: bin/karaf is started with the instance as working directory.
        Path workDir = dir.toAbsolutePath();
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("no distribution at " + distribution + ": run mvn install first");
        }
        run(List.of("rm", "-rf", workDir.toString()), 60);
        Files.createDirectories(workDir);
        run(List.of("tar", "-xzf", distribution.toString(), "-C", workDir.toString()), 120);
        Path home;
        try (Stream<Path> entries = Files.list(workDir)) {
            home = entries.filter(p -> Files.isExecutable(p.resolve("bin/karaf"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/karaf under " + workDir));
        }
        CogosInstance instance = new CogosInstance(home, Ports.free());
        instance.configure("org.apache.karaf.shell", "sshPort", String.valueOf(instance.sshPort));
        instance.configure("org.apache.karaf.management", "rmiRegistryPort", String.valueOf(Ports.free()));
        instance.configure("org.apache.karaf.management", "rmiServerPort", String.valueOf(Ports.free()));
        // Pax Web (metrics, dashboard): two instances at once must not both want 8181.
        instance.configure("org.ops4j.pax.web", "org.osgi.service.http.port", String.valueOf(Ports.free()));
        int broker = Ports.free();
        instance.configure("org.cogos.broker", "port", String.valueOf(broker));
        instance.configure("org.cogos.mqtt", "uri", "tcp://127.0.0.1:" + broker);
        instance.addConsoleUser(ADMIN, ADMIN_PASSWORD, "admingroup");
        return instance;
    }

    /**
     * Adds a console user to etc/users.properties, in one of the shipped groups: {@code admingroup},
     * {@code operatorgroup} or {@code viewergroup}. Karaf reads the file again when it changes, running or not.
     */
    public void addConsoleUser(String user, String password, String group) throws IOException {
        Files.writeString(home.resolve("etc/users.properties"), user + " = " + password + ",_g_:" + group + "\n",
                StandardOpenOption.APPEND);
    }

    public Path home() {
        return home;
    }

    /** Where Pax Web serves the metrics and the dashboard, e.g. {@code http://127.0.0.1:41234}. */
    public String httpUri() throws IOException {
        return "http://127.0.0.1:" + property("org.ops4j.pax.web", "org.osgi.service.http.port").orElse("8181");
    }

    /** The MQTT URI cogos connects to. */
    public String mqttUri() throws IOException {
        return property("org.cogos.mqtt", "uri").orElse("tcp://127.0.0.1:1883");
    }

    public void useExternalBroker(String uri) throws IOException {
        configure("org.cogos.mqtt", "uri", uri);
    }

    /** Whether cogos's MQTT client talks to the distribution's own broker (not {@link #useExternalBroker}). */
    private boolean embeddedBroker() throws IOException {
        Optional<String> port = property("org.cogos.broker", "port");
        return port.isPresent() && mqttUri().equals("tcp://127.0.0.1:" + port.get());
    }

    /**
     * The password of a robot's account on the embedded broker, made on first use and then the same for this
     * instance (a robot and a watcher of its errors log in alike). Before the start it is written into the accounts
     * file as {@code robot:add} would write it; once cogos runs, {@code robot:add} makes it on the console.
     */
    public synchronized String robotPassword(String robotId) throws IOException {
        String known = robotPasswords.get(robotId);
        if (known != null) {
            return known;
        }
        String password;
        if (process == null || !process.isAlive()) {
            password = PasswordHash.generate();
            Path file = home.resolve("etc").resolve(ACCOUNTS_FILE);
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
            lines.removeIf(line -> line.startsWith(robotId + ":"));
            lines.add(robotId + ":" + PasswordHash.hash(password));
            byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFile.writeOwnerOnly(file, out -> out.write(text));
        } else {
            String printed;
            try {
                printed = ConsoleProbe.execute(sshPort, "robot:add " + robotId);
            } catch (IOException exists) {
                printed = ConsoleProbe.execute(sshPort, "robot:passwd " + robotId);
            }
            String[] lines = printed.strip().split("\\R");
            password = lines[lines.length - 1].strip();
            if (!password.matches("[A-Za-z0-9_-]{24}")) {
                throw new IOException("robot:add " + robotId + " printed no password: " + printed);
            }
        }
        robotPasswords.put(robotId, password);
        return password;
    }

    /** JVM options added to the distribution's own at the next {@link #start}, e.g. a flight recording. */
    public void addJavaOptions(String options) {
        extraJavaOptions = (extraJavaOptions + " " + options).trim();
    }

    /** Set {@code key = value} in etc/PID.cfg, replacing an existing line for the key. */
    public void configure(String pid, String key, String value) throws IOException {
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        String line = key + " = " + value;
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (setsKey(lines.get(i), key)) {
                lines.set(i, line);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(line);
        }
        Files.write(file, lines);
    }

    private Optional<String> property(String pid, String key) throws IOException {
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Files.readAllLines(file).stream()
                .filter(l -> setsKey(l, key))
                .map(l -> l.substring(l.indexOf(l.contains("=") ? '=' : ':') + 1).trim()).reduce((a, b) -> b);
    }

    /** A .cfg line that assigns {@code key} ({@code key = value} or {@code key: value}). */
    private static boolean setsKey(String line, String key) {
        return line.matches("\\s*" + Pattern.quote(key) + "\\s*[=:].*");
    }

    /** Start Karaf and wait until the shell answers and every cogos module is live. */
    public void start(long timeoutMs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("EXTRA_JAVA_OPTS", ("-Dai.djl.offline=true " + extraJavaOptions).trim());
        env.put("OPT_OUT_TRACKING", "true");
        if (embeddedBroker()) {
            // Its account must be in the file the broker reads as it starts.
            robotPassword(PROBE);
        }
        long startedMillis = System.currentTimeMillis();
        long deadline = startedMillis + timeoutMs;
        process = builder.start();
        Ports.awaitListening(sshPort, timeoutMs, process);
        // The status first: waiting on a subscription costs nothing, while every console command is a JVM
        // started on the same cores, which slowed the start it was watching.
        awaitMqttOnline(startedMillis, deadline);
        String lsmod = "";
        while (System.currentTimeMillis() < deadline) {
            lsmod = ConsoleProbe.run(sshPort, "cog:lsmod", deadline);
            if (lsmod.contains("coordinator") && lsmod.contains("sensor") && lsmod.contains("mqtt")
                    && !lsmod.contains("stopped") && !lsmod.contains("loading")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("cogos not ready after " + timeoutMs + " ms; lsmod:\n" + lsmod);
    }

    /** @return whether the client connected; false while the broker is not listening yet */
    private static boolean connected(MqttClient client, MqttConnectionOptions options) {
        try {
            client.connect(options);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    /**
     * Waits for cogos's retained "online" system status of this start, which ingest announces once it has
     * subscribed to the sensor topics: from then on what robots publish reaches it. The mqtt module is live before
     * that, and a frame sent in between reaches no subscriber and is gone, which made tests that send single frames
     * right after start fail now and then.
     */
    private void awaitMqttOnline(long startedMillis, long deadline) throws IOException, InterruptedException {
        String topic = property("org.cogos.mqtt", "topicPrefix").orElse("cogos/v1") + "/system/status";
        Pattern online = Pattern.compile(".*\"state\"\\s*:\\s*\"online\".*\"stamp\"\\s*:\\s*(\\d+).*",
                Pattern.DOTALL);
        long since = startedMillis - 1000;
        MqttConnectionOptions probeOptions = new MqttConnectionOptions();
        if (embeddedBroker()) {
            probeOptions.setUserName(PROBE);
            probeOptions.setPassword(robotPassword(PROBE).getBytes(StandardCharsets.UTF_8));
        }
        while (System.currentTimeMillis() < deadline) {
            CompletableFuture<String> status = new CompletableFuture<>();
            try {
                MqttClient probe = new MqttClient(mqttUri(), PROBE + "-" + sshPort, new MemoryPersistence());
                try {
                    probe.setCallback(new MessageCallback() {
                        @Override
                        public void messageArrived(String t, MqttMessage message) {
                            status.complete(new String(message.getPayload(), StandardCharsets.UTF_8));
                        }
                    });
                    if (connected(probe, probeOptions)) {
                        probe.subscribe(topic, 1);
                        Matcher m = online.matcher(status.get(1, TimeUnit.SECONDS));
                        if (m.matches() && Long.parseLong(m.group(1)) >= since) {
                            return;
                        }
                    }
                } finally {
                    if (probe.isConnected()) {
                        probe.disconnect();
                    }
                    probe.close();
                }
            } catch (TimeoutException e) {
                // no retained status of this start yet: ask again
            } catch (ExecutionException | MqttException e) {
                throw new IOException("probing cogos's status on " + topic + " failed", e);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("cogos did not report online on " + topic + " at " + mqttUri());
    }

    /** @return the Karaf JVM's process id, e.g. for {@link ProcessCpu} */
    public long pid() {
        return javaProcess().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
    }

    /** Resident memory of the Karaf JVM in bytes, from /proc. */
    public long rssBytes() throws IOException {
        long pid = pid();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private Optional<ProcessHandle> javaProcess() {
        if (process == null) {
            return Optional.empty();
        }
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    /**
     * Run quick console commands through {@code bin/client -b}, as an operator's script would; returns what they
     * printed. Batch mode runs them only once its input has ended, and a command still running when the client
     * leaves is interrupted: use {@link #console()} for commands that take long or must be spaced in time.
     */
    public String shell(String... commands) throws IOException, InterruptedException {
        Process client = client("-b");
        client.getOutputStream().write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        return finish(client, commands[0]);
    }

    /** What one console command gave: {@code bin/client}'s exit status, and what it printed without terminal control. */
    public record CommandResult(int exitStatus, String output) {
    }

    /**
     * Runs one command as an operator types {@code bin/client -u karaf -p karaf 'command'} at a terminal, and
     * returns its exit status: 1 when the command failed. The client runs on a pseudo-terminal whose input stays
     * open until it leaves: Karaf 4.4.10's client ends the session as soon as its input ends (apache/karaf#2926),
     * printing only "Closed" — at a terminal, input does not end.
     */
    public CommandResult command(String command) throws IOException, InterruptedException {
        return commandAs(ADMIN, ADMIN_PASSWORD, command);
    }

    /** {@link #command(String)} logged in as another console user ({@link #addConsoleUser}). */
    public CommandResult commandAs(String user, String password, String command)
            throws IOException, InterruptedException {
        List<String> login = clientLogin(user, password);
        login.add("'" + command.replace("'", "'\\''") + "'");
        String client = String.join(" ", login);
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", client, "/dev/null").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            String output = finish(process, command);
            return new CommandResult(process.exitValue(), Console.withoutTerminalControl(output));
        } finally {
            process.getOutputStream().close();
        }
    }

    /**
     * An interactive console on a pseudo-terminal (util-linux {@code script}), as an operator at a terminal has:
     * each command runs when its line is sent, so commands can be spaced in time and waited for.
     */
    public Console console() throws IOException {
        String client = String.join(" ", clientCommand());
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", client, "/dev/null").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new Console(builder.start());
    }

    /** One interactive console session; see {@link CogosInstance#console()}. */
    public static final class Console implements AutoCloseable {

        private static final Pattern TERMINAL_CONTROL = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");

        private final Process client;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final Thread reader;
        private int commands;

        private Console(Process client) {
            this.client = client;
            reader = new Thread(() -> {
                try {
                    client.getInputStream().transferTo(output);
                } catch (IOException e) {
                    // The console was closed: what it printed so far is all there is.
                }
            }, "cogos-console-reader");
            reader.start();
        }

        /** Run a command and wait until it has finished (an {@code echo} after it has printed). */
        public void run(String command, long timeoutMs) throws IOException, InterruptedException {
            String marker = "cogos-done-" + (++commands);
            send(command);
            send("echo " + marker);
            long deadline = System.currentTimeMillis() + timeoutMs;
            // The terminal echoes typed lines too: the marker counts only on a line of its own output.
            while (text().lines().noneMatch(l -> l.endsWith(marker) && !l.contains("echo"))) {
                if (System.currentTimeMillis() > deadline || !client.isAlive()) {
                    throw new IllegalStateException("console command did not finish: " + command);
                }
                Thread.sleep(20);
            }
        }

        private void send(String line) throws IOException {
            client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
        }

        /** Everything printed so far, without terminal control sequences. */
        public String text() {
            return withoutTerminalControl(output.toString(StandardCharsets.UTF_8));
        }

        static String withoutTerminalControl(String printed) {
            return TERMINAL_CONTROL.matcher(printed).replaceAll("");
        }

        @Override
        public void close() throws InterruptedException {
            try {
                send("logout");
                client.getOutputStream().close();
            } catch (IOException e) {
                // Already gone: nothing left to log out of.
            }
            if (!client.waitFor(10, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
            reader.join(5_000);
        }
    }

    /** {@code bin/client} logged in to this instance's console, with the given arguments after the login. */
    private List<String> clientCommand(String... arguments) {
        List<String> command = clientLogin(ADMIN, ADMIN_PASSWORD);
        command.addAll(List.of(arguments));
        return command;
    }

    private List<String> clientLogin(String user, String password) {
        return new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
                "-a", String.valueOf(sshPort), "-u", user, "-p", password, "-r", "10", "-d", "1"));
    }

    private Process client(String lastArgument) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(clientCommand(lastArgument)).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static String finish(Process client, String what) throws IOException, InterruptedException {
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(120, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("bin/client did not finish: " + what);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The distribution's own log, for failure messages. */
    public String logTail(int lines) throws IOException {
        List<String> all = logLines();
        if (all.isEmpty()) {
            return "(no karaf.log)";
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Every line of the distribution's karaf.log so far; none before it has started. */
    public List<String> logLines() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Kill the JVM hard, as a power cut would. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        run(List.of(home.resolve("bin/stop").toString()), 60);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static void run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
