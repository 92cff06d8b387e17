package dev.hallway.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What ROME reaches only by reflection, kept in a native image (which drops whatever is not registered).
 * <ul>
 * <li>Every class named in ROME's {@code rome.properties} files: its PluginManager reads the lists and calls
 * {@code Class.forName(name).newInstance()} for each parser, generator, converter and module plugin.
 * {@code RomeClassesRegisteredForReflectionTest} fails when a rome.properties on the classpath names one that is
 * missing here (a ROME upgrade, or rome-modules added).</li>
 * <li>The module beans that SyndFeedInput deep-clones while converting a feed (ROME's CloneableBean: a no-arg
 * constructor, the public getters and setters, and {@code clone()} of the {@link java.util.Date} values).</li>
 * </ul>
 */
@RegisterForReflection(classNames = {
        // WireFeedParser.classes
        "com.rometools.rome.io.impl.RSS090Parser",
        "com.rometools.rome.io.impl.RSS091NetscapeParser",
        "com.rometools.rome.io.impl.RSS091UserlandParser",
        "com.rometools.rome.io.impl.RSS092Parser",
        "com.rometools.rome.io.impl.RSS093Parser",
        "com.rometools.rome.io.impl.RSS094Parser",
        "com.rometools.rome.io.impl.RSS10Parser",
        "com.rometools.rome.io.impl.RSS20wNSParser",
        "com.rometools.rome.io.impl.RSS20Parser",
        "com.rometools.rome.io.impl.Atom10Parser",
        "com.rometools.rome.io.impl.Atom03Parser",
        // *.ModuleParser.classes
        "com.rometools.rome.io.impl.SyModuleParser",
        "com.rometools.rome.io.impl.DCModuleParser",
        // WireFeedGenerator.classes
        "com.rometools.rome.io.impl.RSS090Generator",
        "com.rometools.rome.io.impl.RSS091NetscapeGenerator",
        "com.rometools.rome.io.impl.RSS091UserlandGenerator",
        "com.rometools.rome.io.impl.RSS092Generator",
        "com.rometools.rome.io.impl.RSS093Generator",
        "com.rometools.rome.io.impl.RSS094Generator",
        "com.rometools.rome.io.impl.RSS10Generator",
        "com.rometools.rome.io.impl.RSS20Generator",
        "com.rometools.rome.io.impl.Atom10Generator",
        "com.rometools.rome.io.impl.Atom03Generator",
        // *.ModuleGenerator.classes
        "com.rometools.rome.io.impl.SyModuleGenerator",
        "com.rometools.rome.io.impl.DCModuleGenerator",
        // Converter.classes
        "com.rometools.rome.feed.synd.impl.ConverterForAtom10",
        "com.rometools.rome.feed.synd.impl.ConverterForAtom03",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS090",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS091Netscape",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS091Userland",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS092",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS093",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS094",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS10",
        "com.rometools.rome.feed.synd.impl.ConverterForRSS20",
        // module beans cloned by CloneableBean during the WireFeed to SyndFeed conversion
        "com.rometools.rome.feed.module.DCModuleImpl",
        "com.rometools.rome.feed.module.DCSubjectImpl",
        "com.rometools.rome.feed.module.SyModuleImpl",
        "java.util.Date",
})
final class RomeReflection {

    private RomeReflection() {
    }
}
