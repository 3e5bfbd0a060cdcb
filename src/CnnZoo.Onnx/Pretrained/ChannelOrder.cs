namespace CnnZoo.Onnx.Pretrained;

/// <summary>The order of the colour channels a network expects.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (ML.NET's <c>ExtractPixels</c>, torchvision).</summary>
    Rgb,
    /// <summary>Blue, green, red (Caffe and CNTK models, OpenCV).</summary>
    Bgr,
}
