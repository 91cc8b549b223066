using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace ColorPix.Core.Checkpoints;

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian data),
/// readable by Python's <c>safetensors.torch.load_file</c>; ColorPix reads files written by it too.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<ScalarType, string> Names = new()
    {
        [ScalarType.Byte] = "U8", [ScalarType.Int32] = "I32", [ScalarType.Int64] = "I64",
        [ScalarType.Float16] = "F16", [ScalarType.Float32] = "F32", [ScalarType.Float64] = "F64", [ScalarType.Bool] = "BOOL",
    };

    private static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Bool => 1,
        ScalarType.Float16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        _ => 8,
    };

    private static readonly Dictionary<string, ScalarType> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    // A name given twice is ambiguous (which tensor is meant?): a refusal, not the ArgumentException JsonObject
    // throws when it meets the second one.
    private static readonly JsonDocumentOptions HeaderJson = new() { AllowDuplicateProperties = false };

    /// <summary>Writes to a temporary file then renames it, so an interrupted save never leaves a torn file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp)) Write(stream, tensors, metadata);
        File.Move(temp, path, overwrite: true);
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
            header[MetadataKey] = new JsonObject(metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved");
            if (!Names.TryGetValue(tensor.dtype, out var dtype)) throw new ArgumentException($"{name}: {tensor.dtype} cannot be stored in safetensors here");
            var data = Bytes(tensor);
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + data.Length),
            };
            blobs.Add(data);
            offset += data.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
        stream.Write(prefix);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var blob in blobs) stream.Write(blob);
    }

    public static SafeTensorsFile Load(string path, Device? device = null) => Read(File.ReadAllBytes(path), device);

    public static SafeTensorsFile Read(ReadOnlySpan<byte> file, Device? device = null)
    {
        if (file.Length < 8) throw new InvalidDataException("not a safetensors file: shorter than its 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
            throw new InvalidDataException($"not a safetensors file: header length {headerLength} does not fit a {file.Length}-byte file");
        var data = file[(8 + (int)headerLength)..];
        JsonObject header;
        try
        {
            header = JsonNode.Parse(file.Slice(8, (int)headerLength), documentOptions: HeaderJson) as JsonObject
                     ?? throw new InvalidDataException("safetensors header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"safetensors header is not valid JSON: {e.Message}");
        }

        var result = new SafeTensorsFile();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == MetadataKey)
                {
                    foreach (var (key, value) in node?.AsObject() ?? [])
                        result.Metadata[key] = value?.GetValue<string>() ?? "";
                    continue;
                }
                result.Tensors[name] = ReadTensor(name, node, data, device);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            result.Dispose();
            throw new InvalidDataException($"malformed safetensors header: {e.Message}");
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    private static Tensor ReadTensor(string name, JsonNode? node, ReadOnlySpan<byte> data, Device? device)
    {
        var entry = node?.AsObject() ?? throw new InvalidDataException($"{name}: entry is not an object");
        var dtypeName = entry["dtype"]?.GetValue<string>() ?? throw new InvalidDataException($"{name}: no dtype");
        if (!Types.TryGetValue(dtypeName, out var dtype)) throw new InvalidDataException($"{name}: unsupported dtype {dtypeName}");
        var shape = Integers(entry, "shape", name);
        var offsets = Integers(entry, "data_offsets", name);
        if (offsets.Length != 2) throw new InvalidDataException($"{name}: data_offsets must have two numbers");
        var (begin, end) = (offsets[0], offsets[1]);
        if (shape.Any(d => d < 0)) throw new InvalidDataException($"{name}: negative dimension");
        var expected = ByteCount(shape, dtype) ?? throw new InvalidDataException($"{name}: shape [{string.Join(", ", shape)}] has too many elements");
        if (begin < 0 || end < begin || end > data.Length || end - begin != expected)
            throw new InvalidDataException($"{name}: data_offsets [{begin}, {end}] do not hold {expected} bytes within {data.Length}");
        var tensor = empty(shape, dtype).DetachFromDisposeScope();
        data[(int)begin..(int)end].CopyTo(tensor.bytes);
        if (device is null || device.type == DeviceType.CPU) return tensor;
        using (tensor) return tensor.to(device).DetachFromDisposeScope();
    }

    /// <summary>An array of integers: null elements and fractions refused here, not as a NullReferenceException or an
    /// InvalidOperationException later.</summary>
    private static long[] Integers(JsonObject entry, string key, string name)
    {
        var array = entry[key] as JsonArray ?? throw new InvalidDataException($"{name}: {key} is not an array");
        return array.Select(n => n is JsonValue v && v.TryGetValue<long>(out var i) ? i
            : throw new InvalidDataException($"{name}: {key} holds {n?.ToJsonString() ?? "null"}, not an integer")).ToArray();
    }

    /// <summary>The bytes the tensor's elements take, or null beyond long: unchecked, a huge shape could wrap to the size
    /// of the data and reach the allocator.</summary>
    private static long? ByteCount(long[] shape, ScalarType dtype)
    {
        try
        {
            return checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * ElementSize(dtype));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A tensor's elements as little-endian bytes, from any device and layout.</summary>
    private static byte[] Bytes(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.bytes.ToArray();
    }
}

/// <summary>Tensors and string metadata read from a safetensors file; disposes the tensors it still owns.</summary>
public sealed class SafeTensorsFile : IDisposable
{
    public Dictionary<string, Tensor> Tensors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
        Tensors.Clear();
    }
}
