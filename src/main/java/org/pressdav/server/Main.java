package org.pressdav.server;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.pressdav.config.ConfigException;
import org.pressdav.config.ConfigLoader;
import org.pressdav.config.PressdavConfig;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar pressdav.jar --wordpress-url URL [options]}; {@code --help} lists the options. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(ConfigLoader.help());
            return;
        }
        PressdavConfig config;
        try {
            config = ConfigLoader.load(arguments, System.getenv());
        } catch (ConfigException e) {
            System.err.println("pressdav: " + e.getMessage());
            System.exit(2);
            return;
        }
        setLogLevel(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            Pressdav.start(config).join();
        } catch (WordPressException e) {
            log.error("cannot serve {}: {}", config.wordpressUrl(), e.getMessage());
            System.exit(3);
        } catch (java.io.IOException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(3);
        } catch (Exception e) {
            log.error("cannot start", e);
            System.exit(3);
        }
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level));
            if (level.equals("trace") && LoggerFactory.getLogger("io.milton") instanceof ch.qos.logback.classic.Logger milton) {
                milton.setLevel(Level.TRACE);
            }
        }
    }
}
