package io.maestro.plugins.nlcypher;

import org.neo4j.driver.Driver;

/** Where one tenant's graph is: a driver and the database in it (never shared with another tenant). */
record Graph(Driver driver, String database) { }
