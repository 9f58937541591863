// Compiled by MSBuild's RoslynCodeTaskFactory (see LibTorchSharpGlibcxxFix.targets), so it keeps
// to netstandard2.0 APIs.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the .gnu.version_r requirement named <see cref="VersionName"/> in each
/// library, when the system libstdc++ does not provide that version. glibc then treats the
/// missing version as non-fatal instead of refusing to load the library.
/// </summary>
public sealed class MarkGlibcxxVersionWeak : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;

    static readonly string[] SystemLibstdcxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
    };

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (SystemProvidesVersion())
        {
            Log.LogMessage(MessageImportance.Low, "System libstdc++ provides {0}; libLibTorchSharp.so left as shipped.", VersionName);
            return true;
        }

        foreach (var item in Libraries)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var outcome = Patch(path);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1}", path, outcome);
            }
            catch (InvalidDataException e)
            {
                Log.LogError("Cannot mark {0} weak in {1}: {2}", VersionName, path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    bool SystemProvidesVersion()
    {
        var marker = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (var candidate in SystemLibstdcxxCandidates)
        {
            if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), marker) >= 0)
                return true;
        }
        return false;
    }

    string Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("expected a 64-bit little-endian ELF file");

        var sectionHeaders = checked((int)ReadUInt64(elf, 0x28));
        int sectionHeaderSize = ReadUInt16(elf, 0x3a);
        int sectionCount = ReadUInt16(elf, 0x3c);

        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionHeaders + i * sectionHeaderSize;
            if (ReadUInt32(elf, header + 4) != ShtGnuVerneed) continue;

            var verneed = checked((int)ReadUInt64(elf, header + 0x18));
            var stringTableHeader = sectionHeaders + (int)ReadUInt32(elf, header + 0x28) * sectionHeaderSize;
            var strings = checked((int)ReadUInt64(elf, stringTableHeader + 0x18));
            return MarkWeak(elf, verneed, strings, path);
        }
        throw new InvalidDataException("no .gnu.version_r section");
    }

    string MarkWeak(byte[] elf, int verneed, int strings, string path)
    {
        // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
        for (var need = verneed; ; )
        {
            int count = ReadUInt16(elf, need + 2);
            var aux = need + (int)ReadUInt32(elf, need + 8);
            for (var j = 0; j < count; j++)
            {
                if (ReadCString(elf, strings + (int)ReadUInt32(elf, aux + 8)) == VersionName)
                {
                    var flags = ReadUInt16(elf, aux + 4);
                    if ((flags & VerFlagWeak) != 0) return VersionName + " already weak";
                    var patched = (ushort)(flags | VerFlagWeak);
                    elf[aux + 4] = (byte)patched;
                    elf[aux + 5] = (byte)(patched >> 8);
                    ReplaceFile(path, elf);
                    return "marked " + VersionName + " weak";
                }
                aux += (int)ReadUInt32(elf, aux + 12);
            }
            var next = ReadUInt32(elf, need + 12);
            if (next == 0) return VersionName + " not required";
            need += (int)next;
        }
    }

    // Write a new file and rename it over the old one, so a hard link into the NuGet cache
    // (should a build ever create one) is broken rather than written through.
    static void ReplaceFile(string path, byte[] contents)
    {
        var temporary = path + ".patching";
        File.WriteAllBytes(temporary, contents);
        File.Delete(path);
        File.Move(temporary, path);
    }

    static ushort ReadUInt16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);
    static uint ReadUInt32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
    static ulong ReadUInt64(byte[] b, int at) => ReadUInt32(b, at) | (ulong)ReadUInt32(b, at + 4) << 32;

    static string ReadCString(byte[] b, int at)
    {
        var end = at;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, at, end - at);
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
