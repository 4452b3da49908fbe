package io.tdstls.protocol.types;

import java.nio.charset.Charset;

/** Windows code pages of SQL Server collations, by sort id and by LCID (the common ones). */
final class CodePages {

  private CodePages() {}

  /** Code page of a legacy SQL collation sort id, or 0 when the id is not in the table. */
  static int forSortId(int sortId) {
    if (sortId >= 30 && sortId <= 34) {
      return 437;
    }
    if ((sortId >= 40 && sortId <= 49) || (sortId >= 55 && sortId <= 61)) {
      return 850;
    }
    if ((sortId >= 50 && sortId <= 54) || (sortId >= 71 && sortId <= 75)
        || (sortId >= 183 && sortId <= 186) || (sortId >= 210 && sortId <= 217)) {
      return 1252;
    }
    if (sortId >= 80 && sortId <= 96) {
      return 1250;
    }
    if (sortId >= 104 && sortId <= 108) {
      return 1251;
    }
    if (sortId >= 112 && sortId <= 124) {
      return 1253;
    }
    if (sortId >= 128 && sortId <= 130) {
      return 1254;
    }
    if (sortId >= 136 && sortId <= 138) {
      return 1255;
    }
    if (sortId >= 144 && sortId <= 146) {
      return 1256;
    }
    if (sortId >= 153 && sortId <= 160) {
      return 1257;
    }
    return 0;
  }

  /** Code page of an LCID's primary language; 1252 for Western languages and unknown ones. */
  static int forLcid(int lcid) {
    switch (lcid & 0x3FF) {
      case 0x11:
        return 932; // Japanese
      case 0x04:
        return (lcid == 0x0404 || lcid == 0x0C04 || lcid == 0x1404) ? 950 : 936; // Chinese
      case 0x12:
        return 949; // Korean
      case 0x1E:
        return 874; // Thai
      case 0x05: case 0x0E: case 0x15: case 0x18: case 0x1A: case 0x1B: case 0x1C: case 0x24:
        return 1250; // Czech, Hungarian, Polish, Romanian, Croatian, Slovak, Albanian, Slovenian
      case 0x02: case 0x19: case 0x22: case 0x23: case 0x2F: case 0x3F: case 0x44: case 0x50:
        return 1251; // Bulgarian, Russian, Ukrainian, Belarusian, Macedonian, Kazakh, Tatar, Mongolian
      case 0x08:
        return 1253; // Greek
      case 0x1F: case 0x2C:
        return 1254; // Turkish, Azeri
      case 0x0D:
        return 1255; // Hebrew
      case 0x01: case 0x20: case 0x29:
        return 1256; // Arabic, Urdu, Farsi
      case 0x25: case 0x26: case 0x27:
        return 1257; // Estonian, Latvian, Lithuanian
      case 0x2A:
        return 1258; // Vietnamese
      default:
        return 1252;
    }
  }

  static Charset charset(int codePage) {
    String name;
    switch (codePage) {
      case 437: name = "IBM437"; break;
      case 850: name = "IBM850"; break;
      case 874: name = "x-windows-874"; break;
      case 932: name = "windows-31j"; break;
      case 936: name = "GBK"; break;
      case 949: name = "x-windows-949"; break;
      case 950: name = "x-windows-950"; break;
      default: name = "windows-" + codePage;
    }
    return Charset.isSupported(name) ? Charset.forName(name) : Charset.forName("windows-1252");
  }
}
