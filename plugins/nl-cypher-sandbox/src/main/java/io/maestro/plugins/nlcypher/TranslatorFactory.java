package io.maestro.plugins.nlcypher;

import io.maestro.nlcypher.Translator;
import java.util.Map;
import org.neo4j.driver.Driver;

/** Makes a tenant's translator ({@code io.maestro.nlcypher.Translators::create}; a fake in tests). */
@FunctionalInterface
interface TranslatorFactory {
    Translator create(Driver driver, String database, Map<String, String> settings);
}
