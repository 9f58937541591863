namespace GradRetentionNet.Data.Download;

/// <summary>A digest that a dataset host publishes for its files.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>MD5: what torchvision, the CIFAR page and the VOC tooling publish. It catches corruption, not tampering.</summary>
    Md5,

    /// <summary>SHA-256: what the Hugging Face hub records for every LFS file.</summary>
    Sha256,
}
