package io.leadjourney.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models in {@code bpmn/} and {@code dmn/} when the engine has been built, before the job executor
 * starts. The folders on disk win (an edited model becomes a new version at the next restart without a rebuild);
 * without them the copies packaged in the jar are deployed. Resource names are always relative
 * ({@code bpmn/lead-journey.bpmn}), so the same files on two nodes, or on disk and in the jar, are one version.
 * Duplicate filtering deploys only what changed.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10) // after IdentitySetup: the checks of the models look for the groups they name
public class ModelDeployment extends AbstractProcessEnginePlugin {

    public static final String DEPLOYMENT_NAME = "lead-journey-models";
    static final String SOURCE = "lead-journey";
    private static final String[] FOLDERS = {"bpmn", "dmn"};
    private static final String[] SUFFIXES = {".bpmn", ".dmn", ".form"};
    private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

    private final Path modelsDir;

    /**
     * {@code dir} is taken as a file system path, relative to the working directory: bound to a {@code Path}, Spring would
     * resolve "." through its resource loader (the class path), not the directory the service was started in.
     */
    public ModelDeployment(PlatformSettings settings) {
        String dir = settings.models().dir();
        this.modelsDir = Path.of(dir.isBlank() ? "." : dir).toAbsolutePath().normalize();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        deploy(processEngine, modelsDir, DEPLOYMENT_NAME);
    }

    /**
     * Deploys the models found under {@code dir} (or in the jar when {@code dir} has none) as deployment {@code name};
     * only the files that differ from the latest ones deployed under that name become new versions.
     */
    static DeploymentWithDefinitions deploy(ProcessEngine engine, Path dir, String name) {
        Map<String, byte[]> models = readFromDisk(dir);
        String origin = dir.toAbsolutePath().normalize().toString();
        if (models.isEmpty()) {
            models = readFromClasspath();
            origin = "the application jar";
        }
        if (models.isEmpty()) {
            log.warn("No models found in {} or in the jar: nothing deployed", dir.toAbsolutePath());
            return null;
        }
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
            .name(name)
            .source(SOURCE)
            .enableDuplicateFiltering(true);
        models.forEach((resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (RuntimeException e) {
            throw new InvalidModelException(models.keySet(), origin, e);
        }
        log.info("Models from {}: {} new process and {} new decision definition version(s)", origin,
            size(deployment.getDeployedProcessDefinitions()), size(deployment.getDeployedDecisionDefinitions()));
        return deployment;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    static Map<String, byte[]> readFromDisk(Path root) {
        Map<String, byte[]> models = new TreeMap<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(ModelDeployment::isModel).forEach(file -> {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    try {
                        models.put(name, Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read model " + file, e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list models in " + dir, e);
            }
        }
        return models;
    }

    static Map<String, byte[]> readFromClasspath() {
        Map<String, byte[]> models = new TreeMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String folder : FOLDERS) {
            try {
                for (Resource resource : resolver.getResources("classpath*:" + folder + "/**/*")) {
                    if (!resource.isReadable() || !isModel(resource.getFilename())) {
                        continue;
                    }
                    String url = resource.getURL().toString();
                    String name = url.substring(url.lastIndexOf(folder + "/"));
                    try (InputStream in = resource.getInputStream()) {
                        models.put(name, in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the packaged models in " + folder + "/", e);
            }
        }
        return models;
    }

    private static boolean isModel(Path file) {
        return isModel(file.getFileName().toString());
    }

    private static boolean isModel(String fileName) {
        if (fileName == null) {
            return false;
        }
        for (String suffix : SUFFIXES) {
            if (fileName.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
