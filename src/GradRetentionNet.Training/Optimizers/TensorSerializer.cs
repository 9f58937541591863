using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers;

/// <summary>Writes and reads an optional tensor (dtype, shape, contents) in optimizer state streams.</summary>
internal static class TensorSerializer
{
    public static void WriteOptional(BinaryWriter writer, Tensor? tensor)
    {
        writer.Write(tensor is not null);
        if (tensor is null) return;
        writer.Write((int)tensor.dtype);
        writer.Write(tensor.shape.Length);
        foreach (var size in tensor.shape) writer.Write(size);
        tensor.Save(writer);
    }

    /// <summary>Reads what <see cref="WriteOptional"/> wrote, placing the tensor on <paramref name="device"/>.</summary>
    public static Tensor? ReadOptional(BinaryReader reader, Device device)
    {
        if (!reader.ReadBoolean()) return null;
        var dtype = (ScalarType)reader.ReadInt32();
        var shape = new long[reader.ReadInt32()];
        for (var i = 0; i < shape.Length; i++) shape[i] = reader.ReadInt64();
        var tensor = torch.empty(shape, dtype: dtype);
        tensor.Load(reader);
        return device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }
}
