package org.cogos.language.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import opennlp.tools.langdetect.Language;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The embedded OpenNLP models, loaded the way the bundle loads them (from the class path). */
public class NlpModelsTest {

    private static NlpModels models;

    @BeforeClass
    public static void load() {
        models = NlpModels.load(NlpModels.class.getClassLoader());
    }

    @AfterClass
    public static void release() {
        models.close();
    }

    @Test
    public void splitsSentences() {
        List<AnalysedSentence> sentences = models.analyse(
                "Move forward two meters. Then turn left 90 degrees! Where is the red cup?");
        assertEquals(3, sentences.size());
        assertEquals("Move forward two meters.", sentences.get(0).text());
        assertEquals("Then turn left 90 degrees!", sentences.get(1).text());
        assertEquals("Where is the red cup?", sentences.get(2).text());
    }

    @Test
    public void tokenisesTagsAndLemmatises() {
        AnalysedSentence s = models.analyse("The robots were carrying two red cups.").get(0);
        assertArrayEquals(new String[] {"The", "robots", "were", "carrying", "two", "red", "cups", "."}, s.tokens());
        assertArrayEquals(new String[] {"DET", "NOUN", "AUX", "VERB", "NUM", "ADJ", "NOUN", "PUNCT"}, s.tags());
        assertArrayEquals(new String[] {"the", "robot", "be", "carry", "two", "red", "cup", "."}, s.lemmas());
    }

    @Test
    public void keepsTheDirectionLeft() {
        AnalysedSentence s = models.analyse("Then turn left 90 degrees!").get(0);
        assertArrayEquals(new String[] {"Then", "turn", "left", "90", "degrees", "!"}, s.tokens());
        assertArrayEquals("UPOS tags keep 'left' a direction here, not the past of 'leave'",
                new String[] {"then", "turn", "left", "90", "degree", "!"}, s.lemmas());
        assertEquals("NUM", s.tags()[3]);
    }

    @Test
    public void detectsEnglish() {
        Language language = models.detectLanguage(
                "Please pick up the red cup from the kitchen table and bring it to me in the living room.");
        assertEquals("eng", language.getLang());
        assertTrue(language.getConfidence() > 0);
    }

    @Test
    public void tellsOtherLanguagesApart() {
        assertEquals("deu", models.detectLanguage(
                "Bitte nimm die rote Tasse vom Küchentisch und bring sie mir ins Wohnzimmer.").getLang());
        assertEquals("fra", models.detectLanguage(
                "Prends la tasse rouge sur la table de la cuisine et apporte-la-moi dans le salon.").getLang());
    }

    @Test
    public void releasedModelsRefuseWork() {
        NlpModels own = NlpModels.load(NlpModels.class.getClassLoader());
        assertTrue(own.isLoaded());
        own.close();
        assertFalse(own.isLoaded());
        try {
            own.analyse("stop");
            fail("analysed with released models");
        } catch (IllegalStateException e) {
            assertEquals("the language models are released", e.getMessage());
        }
    }

    @Test
    public void aMissingModelNamesItself() {
        ClassLoader empty = new ClassLoader(null) {
        };
        try {
            NlpModels.load(empty);
            fail("loaded without models");
        } catch (IllegalStateException e) {
            assertEquals("OpenNLP model " + NlpModels.SENTENCE + " is not on the bundle class path", e.getMessage());
        }
    }
}
