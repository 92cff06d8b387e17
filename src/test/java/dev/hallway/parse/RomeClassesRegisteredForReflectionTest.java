package dev.hallway.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A native image keeps only the classes registered for reflection, and ROME instantiates every plugin named in
 * its rome.properties files by name. Reads every such file on the classpath as ROME does (the master
 * {@code com/rometools/rome/rome.properties} and any {@code rome.properties} at the root, as rome-modules
 * ships) and checks each named class against {@link RomeReflection}.
 */
class RomeClassesRegisteredForReflectionTest {

    private static final List<String> LOCATIONS = List.of("com/rometools/rome/rome.properties", "rome.properties");

    @Test
    void everyClassNamedInRomePropertiesIsRegistered() throws IOException {
        Set<String> named = classesNamedInRomeProperties();
        // ROME 2.1 names 35 distinct classes; fewer means the files were not found, not that all is well
        assertTrue(named.size() >= 35, "rome.properties classes found: " + named);

        Set<String> registered = registered();
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "named in rome.properties but not in RomeReflection's classNames");
    }

    @Test
    void everyRegisteredClassExists() {
        List<String> absent = new ArrayList<>();
        for (String name : registered()) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                absent.add(name);
            }
        }
        assertEquals(List.of(), absent, "registered for reflection but not on the classpath");
    }

    private static Set<String> registered() {
        RegisterForReflection registration = RomeReflection.class.getAnnotation(RegisterForReflection.class);
        assertFalse(registration == null, "RomeReflection carries no @RegisterForReflection");
        Set<String> names = new TreeSet<>();
        Collections.addAll(names, registration.classNames());
        return names;
    }

    private static Set<String> classesNamedInRomeProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = RomeClassesRegisteredForReflectionTest.class.getClassLoader();
        for (String location : LOCATIONS) {
            for (URL url : Collections.list(loader.getResources(location))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                for (String key : properties.stringPropertyNames()) {
                    // plugin lists end in ".classes"; other keys (date masks in rome-modules) are not class names
                    if (key.endsWith(".classes")) {
                        for (String name : properties.getProperty(key).split("[\\s,]+")) {
                            if (!name.isBlank()) {
                                names.add(name.trim());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }
}
