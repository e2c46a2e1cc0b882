package io.pgha.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Freemarker configuration pgha uses everywhere (playbook expressions, the template module,
 * ops rendering). Strict: a missing variable is an error (never rendered as empty), numbers print
 * as computers read them (54321, not 54,321), booleans as true/false, no Java object access; the
 * quoting functions sh(), conninfo() and unit() (QuotingFunctions).
 */
public final class Freemarker {
    /** Where the jar carries its built-in templates (the user's templates/ folder overrides them). */
    public static final String BUILTIN_TEMPLATES = "/pgha/templates";

    private Freemarker() {}

    /** A configuration loading templates from these folders first, then from the built-in set. */
    public static Configuration configuration(List<Path> templateDirs) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setLocalizedLookup(false);
        QuotingFunctions.install(cfg);
        List<TemplateLoader> loaders = new ArrayList<>();
        for (Path dir : templateDirs) {
            if (!Files.isDirectory(dir)) continue;
            try {
                loaders.add(new FileTemplateLoader(dir.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        loaders.add(new ClassTemplateLoader(Freemarker.class, BUILTIN_TEMPLATES));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
        return cfg;
    }
}
