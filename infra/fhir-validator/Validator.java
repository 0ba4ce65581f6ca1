import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The HL7 FHIR validator (HAPI FHIR's instance validator) as a long-lived process, because
 * loading R4 core and generating snapshots costs seconds that one JVM pays once.
 *
 *   java -cp "<jars>/*" Validator.java serve <conformance folder>...
 *     reads one JSON request per line, {"resource": {...}, "profiles": ["url", ...]}, and
 *     answers one line per request, {"issues": [{"severity", "location", "message"}]}.
 *   java -cp "<jars>/*" Validator.java export-r4 <folder>
 *     writes HAPI's own R4 core definitions as the npm package hl7.fhir.r4.core#4.0.1
 *     (the package registry is not reachable), so that SUSHI can compile the guide.
 */
public class Validator {
  public static void main(String[] args) throws Exception {
    FhirContext ctx = FhirContext.forR4();
    if (args.length >= 2 && args[0].equals("export-r4")) exportR4(ctx, Path.of(args[1]));
    else if (args.length >= 1 && args[0].equals("serve")) serve(ctx, List.of(args).subList(1, args.length));
    else {
      System.err.println("usage: Validator serve <folder>... | Validator export-r4 <folder>");
      System.exit(2);
    }
  }

  /** The R4 core definitions hapi-fhir-validation-resources-r4 ships, as FHIR Bundles. */
  private static final List<String> R4_BUNDLES = List.of(
      "/org/hl7/fhir/r4/model/profile/profiles-types.xml",
      "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
      "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
      "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
      "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
      "/org/hl7/fhir/r4/model/valueset/v2-tables.xml",
      "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
      "/org/hl7/fhir/r4/model/sp/search-parameters.json");

  private static void exportR4(FhirContext ctx, Path out) throws Exception {
    Path pkg = out.resolve("package");
    Files.createDirectories(pkg);
    IParser json = ctx.newJsonParser();
    int count = 0;
    for (String bundlePath : R4_BUNDLES) {
      try (var stream = Validator.class.getResourceAsStream(bundlePath)) {
        if (stream == null) throw new IllegalStateException(bundlePath + " is not on the classpath");
        IParser parser = bundlePath.endsWith(".json") ? ctx.newJsonParser() : ctx.newXmlParser();
        Bundle bundle = parser.parseResource(Bundle.class, new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
          Resource r = entry.getResource();
          if (r == null || r.getIdElement().getIdPart() == null) continue;
          Files.writeString(pkg.resolve(r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json"), json.encodeResourceToString(r), StandardCharsets.UTF_8);
          count++;
        }
      }
    }
    Files.writeString(pkg.resolve("package.json"),
        "{\"name\":\"hl7.fhir.r4.core\",\"version\":\"4.0.1\",\"type\":\"Core\",\"fhirVersions\":[\"4.0.1\"],"
            + "\"description\":\"R4 core definitions exported from HAPI FHIR's hapi-fhir-validation-resources-r4\"}",
        StandardCharsets.UTF_8);
    System.out.println("exported " + count + " R4 core resources to " + pkg);
  }

  private static void serve(FhirContext ctx, List<String> folders) throws Exception {
    PrePopulatedValidationSupport conformance = new PrePopulatedValidationSupport(ctx);
    IParser json = ctx.newJsonParser();
    for (String folder : folders) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          IBaseResource resource = json.parseResource(Files.readString(file));
          switch (resource.fhirType()) {
            case "StructureDefinition" -> conformance.addStructureDefinition(resource);
            case "ValueSet" -> conformance.addValueSet((org.hl7.fhir.r4.model.ValueSet) resource);
            case "CodeSystem" -> conformance.addCodeSystem(resource);
            default -> { }
          }
        }
      }
    }
    // Code systems of the French nomenclatures (mos.esante.gouv.fr) are not available here:
    // a code of an unknown system is reported as a warning, never as a pass or an error.
    UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
    unknownSystems.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(ctx),
        conformance,
        new CommonCodeSystemsTerminologyService(ctx),
        new InMemoryTerminologyServerValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx),
        unknownSystems);
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    FhirValidator validator = ctx.newValidator().registerValidatorModule(module);
    Gson gson = new Gson();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("{\"ready\":true}");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      JsonObject answer = new JsonObject();
      JsonArray issues = new JsonArray();
      try {
        JsonObject request = gson.fromJson(line, JsonObject.class);
        ValidationOptions options = new ValidationOptions();
        if (request.has("profiles")) request.getAsJsonArray("profiles").forEach(p -> options.addProfile(p.getAsString()));
        ValidationResult result = validator.validateWithResult(gson.toJson(request.get("resource")), options);
        for (SingleValidationMessage m : result.getMessages()) {
          JsonObject issue = new JsonObject();
          issue.addProperty("severity", m.getSeverity().getCode());
          issue.addProperty("location", m.getLocationString());
          issue.addProperty("message", m.getMessage());
          issues.add(issue);
        }
      } catch (Exception e) {
        answer.addProperty("failure", e.toString());
      }
      answer.add("issues", issues);
      out.println(gson.toJson(answer));
    }
  }
}
