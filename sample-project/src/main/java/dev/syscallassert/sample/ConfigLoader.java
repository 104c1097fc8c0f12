package dev.syscallassert.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads an application's configuration from a directory: {@code app.properties}, plus feature flags that come from a
 * flag server ({@code flags.url}) or, in offline mode ({@code offline=true}), from {@code flags.properties} next to
 * it. Offline mode exists for machines that must not talk to the network at all.
 */
public final class ConfigLoader {

    private final Path directory;

    public ConfigLoader(Path directory) {
        this.directory = directory;
    }

    public Config load() throws IOException {
        Properties app = read(directory.resolve("app.properties"));
        Properties flags;
        if (Boolean.parseBoolean(app.getProperty("offline", "false"))) {
            flags = read(directory.resolve("flags.properties"));
        } else {
            flags = fetch(app.getProperty("flags.url"));
        }
        return new Config(app, flags);
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static Properties fetch(String url) throws IOException {
        if (url == null) {
            throw new IOException("app.properties sets neither offline=true nor flags.url");
        }
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getInputStream()) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } finally {
            connection.disconnect();
        }
    }

    /** What was loaded. */
    public static final class Config {
        private final Properties app;
        private final Properties flags;

        Config(Properties app, Properties flags) {
            this.app = app;
            this.flags = flags;
        }

        public String get(String key) {
            return app.getProperty(key);
        }

        public boolean flag(String name) {
            return Boolean.parseBoolean(flags.getProperty(name, "false"));
        }
    }
}
