package io.maestro.nlcypher;

import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A model backend with the offline translator behind it: when the model cannot be reached or fails, the offline answer is given, with a note. */
final class FallbackTranslator implements Translator {
    private static final Logger log = LoggerFactory.getLogger(FallbackTranslator.class);
    private final Translator primary;
    private final Translator fallback;

    FallbackTranslator(Translator primary, Translator fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String backend() {
        return primary.backend();
    }

    @Override
    public Translation translate(String question) {
        try {
            return primary.translate(question);
        } catch (BadQuestionException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("model backend {} failed ({}); answering with the offline translator", primary.backend(), e.getClass().getSimpleName());
            Translation t = fallback.translate(question);
            var notes = new ArrayList<>(t.notes());
            notes.add(0, "The model backend " + primary.backend() + " failed (" + e.getClass().getSimpleName() + "); this is the offline translation.");
            return new Translation(t.question(), t.status(), t.best(), t.alternatives(), t.backend(), notes);
        }
    }
}
