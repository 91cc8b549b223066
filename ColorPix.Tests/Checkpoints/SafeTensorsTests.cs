using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using ColorPix.Core.Checkpoints;

namespace ColorPix.Tests.Checkpoints;

public class SafeTensorsTests
{
    private static Dictionary<string, Tensor> Sample()
    {
        torch.manual_seed(5);
        return new()
        {
            ["encoder.0.weight"] = torch.randn(4, 3, 3, 3),
            ["encoder.0.bias"] = torch.randn(4).to(ScalarType.Float16),
            ["steps"] = torch.tensor(new[] { 1L, long.MaxValue }),
            ["mask"] = torch.tensor(new byte[] { 0, 7, 255 }),
        };
    }

    [Test]
    public void A_saved_file_reads_back_bit_exactly_with_its_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = Sample();
        var path = Path.Combine(Path.GetTempPath(), $"cpx-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["model"] = "autoencoder", ["epoch"] = "3" });
            using var loaded = SafeTensors.Load(path);
            loaded.Metadata.Should().Contain("model", "autoencoder").And.Contain("epoch", "3");
            loaded.Tensors.Keys.Should().BeEquivalentTo(tensors.Keys);
            foreach (var (name, t) in tensors)
            {
                loaded.Tensors[name].dtype.Should().Be(t.dtype);
                loaded.Tensors[name].shape.Should().Equal(t.shape);
                loaded.Tensors[name].bytes.ToArray().Should().Equal(t.bytes.ToArray(), name);
            }
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void The_header_is_standard_json_with_dtype_names_and_contiguous_offsets()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, Sample(), new Dictionary<string, string> { ["k"] = "v" });
        var file = stream.ToArray();
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        (headerLength % 8).Should().Be(0, "the data section starts 8-byte aligned");
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, headerLength));
        header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString().Should().Be("v");

        var entries = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__")
            .Select(p => (p.Name, Dtype: p.Value.GetProperty("dtype").GetString(), Shape: p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                Begin: p.Value.GetProperty("data_offsets")[0].GetInt64(), End: p.Value.GetProperty("data_offsets")[1].GetInt64()))
            .OrderBy(e => e.Begin).ToList();
        entries.Select(e => e.Dtype).Should().BeEquivalentTo(["F32", "F16", "I64", "U8"]);
        entries.Single(e => e.Name == "encoder.0.weight").Shape.Should().Equal(4, 3, 3, 3);
        entries[0].Begin.Should().Be(0);
        for (var i = 1; i < entries.Count; i++) entries[i].Begin.Should().Be(entries[i - 1].End, "tensors are packed without gaps");
        entries[^1].End.Should().Be(file.Length - 8 - headerLength);
    }

    [Test]
    public void A_file_written_by_the_reference_library_is_read()
    {
        // Bytes of safetensors.torch.save_file({"a": torch.tensor([1.0, 2.0])}): header padded with spaces.
        var header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        var padded = header.PadRight((header.Length + 7) / 8 * 8);
        var file = new byte[8 + padded.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded.Length);
        Encoding.ASCII.GetBytes(padded).CopyTo(file, 8);
        BitConverter.GetBytes(1.0f).CopyTo(file, 8 + padded.Length);
        BitConverter.GetBytes(2.0f).CopyTo(file, 8 + padded.Length + 4);

        using var loaded = SafeTensors.Read(file);
        loaded.Tensors["a"].data<float>().ToArray().Should().Equal(1f, 2f);
    }

    public static IEnumerable<TestCaseData> CorruptFiles()
    {
        yield return new TestCaseData(new byte[] { 1, 2, 3 }).SetName("Shorter_than_the_length_prefix_is_refused");
        yield return new TestCaseData(Prefixed(ulong.MaxValue, "")).SetName("A_huge_declared_header_is_refused");
        yield return new TestCaseData(Prefixed(5, "{oops")).SetName("A_non_json_header_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}")).SetName("Offsets_past_the_end_are_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,0]}}")).SetName("An_unknown_dtype_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)).SetName("A_shape_that_disagrees_with_offsets_is_refused");
        // Each failed with another exception before (ColorPix.Fuzz/corpus/safetensors/crash-* replays them too). AFL found the
        // duplicates (an ArgumentException from JsonObject) within seconds; the rest showed when the target was written.
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]},\"a\":{}}")).SetName("A_name_given_twice_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"shape\":[0],\"data_offsets\":[0,0]}}")).SetName("A_field_given_twice_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"U8\",\"shape\":[null],\"data_offsets\":[0,0]}}")).SetName("A_null_dimension_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,0.5]}}", 1)).SetName("A_fractional_offset_is_refused");
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,0]}}")).SetName("A_shape_beyond_long_is_refused");
        // 2^61 doubles are 2^64 bytes: unchecked, that wrapped to 0 and matched the empty data, and libtorch was asked for them.
        yield return new TestCaseData(Prefixed(0, "{\"a\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],\"data_offsets\":[0,0]}}")).SetName("A_shape_whose_byte_count_wraps_to_zero_is_refused");
    }

    private static byte[] Prefixed(ulong declared, string json, int dataBytes = 0)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + body.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declared == 0 ? (ulong)body.Length : declared);
        body.CopyTo(file, 8);
        return file;
    }

    [TestCaseSource(nameof(CorruptFiles))]
    public void Corrupt_files_are_refused_with_InvalidDataException(byte[] file)
    {
        var before = LiveTensors.Count;
        var read = () => SafeTensors.Read(file);
        read.Should().Throw<InvalidDataException>();
        LiveTensors.Count.Should().Be(before);
    }
}
