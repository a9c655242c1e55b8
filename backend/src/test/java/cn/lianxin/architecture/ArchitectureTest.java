package cn.lianxin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape the code keeps: no package depends on itself through others, and the case domain knows no framework. */
@AnalyzeClasses(packages = "cn.lianxin", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("cn.lianxin.(**)").should().beFreeOfCycles();

    /** The case's rules, commands and events: decided without HTTP, without Panache. */
    @ArchTest
    static final ArchRule caseDomainKnowsNoWebLayerNorPanache = noClasses().that().resideInAPackage("cn.lianxin.cases.domain")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "cn.lianxin.api..",
                    "io.quarkus.hibernate.reactive.panache..", "io.vertx.ext.web..");
}
