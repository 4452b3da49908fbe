package io.tdstls.cli.demo;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --trust pin|ca-file}. */
final class TrustConverter implements ITypeConverter<DemoTrust> {

  @Override
  public DemoTrust convert(String value) {
    switch (value) {
      case "pin":
        return DemoTrust.PIN;
      case "ca-file":
        return DemoTrust.CA_FILE;
      default:
        throw new TypeConversionException("'" + value + "' is not a trust choice: use pin or ca-file");
    }
  }
}
