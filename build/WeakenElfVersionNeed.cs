// MSBuild inline task (RoslynCodeTaskFactory, see TorchRuntime.targets): marks one version requirement of an
// ELF shared library weak (VER_FLG_WEAK in its .gnu.version_r Vernaux entry), so that the dynamic loader no
// longer fails on a system that lacks it ("version `X' not found"); ldd -v then reports it as a weak version.
//
// Why this is safe, and what the task checks before writing: the loader only ever looks a versioned symbol up
// when a relocation references it. If no relocation in a dynamic relocation section (.rela.dyn, .rela.plt)
// references a symbol whose .gnu.version index is this Vernaux's vna_other, the version is never used, and
// marking it weak changes nothing else. If one does, the task refuses (build error) instead of patching.
//
// Compiled against netstandard2.0 by the factory: no Span/BinaryPrimitives, plain little-endian reads.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenElfVersionNeed : Task
{
    const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
    const uint ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2;

    /// <summary>The copies to patch (in the output or publish folder, never the NuGet cache).</summary>
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version requirement to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>The library that defines it on this machine (libstdc++.so.6). Empty: ask ldconfig, then the
    /// usual paths. The patch is applied only when this file does not define VersionName.</summary>
    public string SystemLibrary { get; set; } = "";

    /// <summary>Patch whatever the system has (for a build that runs on an older system than it was built on).</summary>
    public bool Force { get; set; }

    public override bool Execute()
    {
        if (!Force && SystemDefinesVersion())
            return true;
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
                continue;
            try
            {
                Patch(path);
            }
            catch (Exception e) when (e is InvalidDataException || e is IndexOutOfRangeException || e is ArgumentException)
            {
                Log.LogError("{0}: cannot read its ELF version tables ({1}); not patched.", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    void Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || U32(elf, 0) != 0x464c457f || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        var sections = ReadSectionHeaders(elf);
        var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
        if (verneed == null)
            return; // no version requirements at all: nothing to weaken
        long flagsOffset = FindVernaux(elf, verneed, sections[(int)verneed.Link], out ushort versionIndex);
        if (flagsOffset < 0)
            return; // this build of the library does not need VersionName: nothing to do

        var used = RelocatedSymbolsWithVersion(elf, sections, versionIndex);
        if (used.Count > 0)
        {
            Log.LogError("{0}: relocations reference {1} symbol(s) of {2} ({3}): that version is really used, so " +
                         "marking it weak would only move the failure to run time. Not patched; use a system whose " +
                         "libstdc++ provides {2}.", path, used.Count, VersionName, string.Join(", ", used.Take(5)));
            return;
        }

        ushort flags = U16(elf, flagsOffset);
        if ((flags & VerFlgWeak) != 0)
            return; // already patched: stay silent

        // Write a new file and rename it over the old one: this breaks any hard link into the NuGet cache and
        // never leaves a half-written library. The old modification time is kept so that MSBuild's incremental
        // copy (same size and time = unchanged) does not copy the original over the patch on the next build.
        var stamp = File.GetLastWriteTimeUtc(path);
        var temp = path + ".weak.tmp";
        File.Copy(path, temp, overwrite: true); // keeps the file mode
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsOffset;
            ushort patched = (ushort)(flags | VerFlgWeak);
            stream.WriteByte((byte)patched);
            stream.WriteByte((byte)(patched >> 8));
        }
        File.SetLastWriteTimeUtc(temp, stamp);
        File.Replace(temp, path, null);
        Log.LogMessage(MessageImportance.High, "TorchRuntime: marked {0} weak in {1} ({2}).", VersionName, path,
                       Force ? "forced" : "this system's libstdc++ lacks it");
    }

    // Walks Verneed -> Vernaux; returns the file offset of vna_flags of the Vernaux named VersionName, or -1.
    long FindVernaux(byte[] elf, Section verneed, Section strtab, out ushort versionIndex)
    {
        versionIndex = 0;
        long need = verneed.Offset;
        for (uint i = 0; i < verneed.Info; i++) // sh_info = number of Verneed entries
        {
            ushort auxCount = U16(elf, need + 2);
            long aux = need + U32(elf, need + 8);
            for (int j = 0; j < auxCount; j++)
            {
                if (CString(elf, strtab.Offset + U32(elf, aux + 8)) == VersionName)
                {
                    versionIndex = U16(elf, aux + 6); // vna_other: the index .gnu.version uses for it
                    return aux + 4;
                }
                uint nextAux = U32(elf, aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = U32(elf, need + 12);
            if (next == 0) break;
            need += next;
        }
        return -1;
    }

    // Names of dynamic symbols with that version index that some REL/RELA section relocates against.
    static List<string> RelocatedSymbolsWithVersion(byte[] elf, List<Section> sections, ushort versionIndex)
    {
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym)
                     ?? throw new InvalidDataException("version requirements without a .gnu.version section");
        var dynsym = sections[(int)versym.Link];
        if (dynsym.Type != ShtDynsym)
            throw new InvalidDataException(".gnu.version is not linked to .dynsym");
        var dynstr = sections[(int)dynsym.Link];
        var names = new List<string>();
        foreach (var rel in sections)
        {
            if ((rel.Type != ShtRela && rel.Type != ShtRel) || sections[(int)rel.Link] != dynsym)
                continue;
            long entrySize = rel.EntrySize != 0 ? rel.EntrySize : (rel.Type == ShtRela ? 24 : 16);
            for (long at = rel.Offset; at + entrySize <= rel.Offset + rel.Size; at += entrySize)
            {
                uint symbol = (uint)(U64(elf, at + 8) >> 32); // ELF64_R_SYM(r_info)
                if (symbol == 0)
                    continue;
                if ((U16(elf, versym.Offset + 2L * symbol) & 0x7fff) == versionIndex) // bit 15 = hidden
                    names.Add(CString(elf, dynstr.Offset + U32(elf, dynsym.Offset + 24L * symbol)));
            }
        }
        return names;
    }

    bool SystemDefinesVersion()
    {
        var library = !string.IsNullOrEmpty(SystemLibrary) ? SystemLibrary : FindLibStdCxx();
        if (library == null || !File.Exists(library))
        {
            Log.LogMessage(MessageImportance.Low, "TorchRuntime: no system libstdc++.so.6 found; treating {0} as missing.", VersionName);
            return false;
        }
        // The version names a library defines are NUL-terminated strings in its .dynstr.
        var needle = Encoding.ASCII.GetBytes("\0" + VersionName + "\0");
        bool found = IndexOf(File.ReadAllBytes(library), needle) >= 0;
        Log.LogMessage(MessageImportance.Low, "TorchRuntime: {0} {1} {2}.", library, found ? "defines" : "lacks", VersionName);
        return found;
    }

    // The one the loader would use: ldconfig's cache first, then Debian's and the common multiarch paths.
    static string? FindLibStdCxx()
    {
        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            try
            {
                var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                var line = output.Split('\n').FirstOrDefault(l => l.Trim().StartsWith("libstdc++.so.6 ") && l.Contains("x86-64"));
                if (line != null)
                    return line.Substring(line.IndexOf("=> ", StringComparison.Ordinal) + 3).Trim();
                break;
            }
            catch (System.ComponentModel.Win32Exception) { /* not at this path */ }
        }
        return new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
    }

    sealed class Section
    {
        public uint Type, Link, Info;
        public long Offset, Size, EntrySize;
    }

    static List<Section> ReadSectionHeaders(byte[] elf)
    {
        long table = (long)U64(elf, 0x28);
        int size = U16(elf, 0x3a), count = U16(elf, 0x3c);
        if (table == 0 || count == 0 || size < 64)
            throw new InvalidDataException("no section headers");
        var sections = new List<Section>();
        for (int i = 0; i < count; i++)
        {
            long h = table + (long)i * size;
            sections.Add(new Section
            {
                Type = U32(elf, h + 4), Offset = (long)U64(elf, h + 24), Size = (long)U64(elf, h + 32),
                Link = U32(elf, h + 40), Info = U32(elf, h + 44), EntrySize = (long)U64(elf, h + 56),
            });
        }
        return sections;
    }

    static ushort U16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);
    static uint U32(byte[] b, long at) => (uint)(U16(b, at) | U16(b, at + 2) << 16);
    static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    static string CString(byte[] b, long at)
    {
        long end = at;
        while (b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
