package io.maestro.core.policy;

import java.time.Instant;

/**
 * What the local OPA last said about its bundle: the revision deciding now, and the last refusal
 * (a bundle that failed to build, to verify or to activate), which leaves that revision in place.
 *
 * @param activeRevision the revision answering decisions (null before the first activation)
 * @param publishedRevision the revision Maestro last published
 * @param error why the latest bundle is not the active one (null when it is)
 * @param errorAt when that was reported
 */
public record BundleStatus(String activeRevision, String publishedRevision, String error, Instant errorAt) {
    public boolean healthy() {
        return error == null;
    }
}
