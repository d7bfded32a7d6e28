using System.Text;
using Zmq.Cli.Formats;

namespace Zmq.Tests.Cli;

public class FrameTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("", "")]
    [InlineData("héllo wörld ✓", "héllo wörld ✓")]
    [InlineData("0x", "0x3078")]
    [InlineData("0x41", "0x30783431")]
    [InlineData("0xabc", "0xabc")]
    [InlineData("0xzz", "0xzz")]
    [InlineData("a\tb", "0x610962")]
    [InlineData("line\n", "0x6c696e650a")]
    public void Text_frames_print_as_text_unless_they_would_not_read_back(string text, string expected)
    {
        Assert.Equal(expected, FrameText.Encode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Binary_frames_print_as_lowercase_hex()
    {
        Assert.Equal("0x00ff10", FrameText.Encode([0x00, 0xFF, 0x10]));
        Assert.Equal("0xc328", FrameText.Encode([0xC3, 0x28]));   // invalid UTF-8
        Assert.Equal("0x7f", FrameText.Encode([0x7F]));            // DEL is a control character
    }

    [Theory]
    [InlineData("0x00FF", new byte[] { 0x00, 0xFF })]
    [InlineData("0x", new byte[0])]
    [InlineData("", new byte[0])]
    [InlineData("0xabc", new byte[] { 0x30, 0x78, 0x61, 0x62, 0x63 })]
    [InlineData("0X41", new byte[] { 0x30, 0x58, 0x34, 0x31 })]
    [InlineData("A", new byte[] { 0x41 })]
    public void Input_in_the_0x_form_is_bytes_and_anything_else_is_utf8(string text, byte[] expected)
    {
        Assert.Equal(expected, FrameText.Decode(text));
    }

    [Fact]
    public void Every_frame_round_trips()
    {
        var random = new Random(12345);
        List<byte[]> frames = [[], [0], "0x41"u8.ToArray(), "tab\there"u8.ToArray(), "plain"u8.ToArray()];
        for (int i = 0; i < 200; i++)
        {
            var frame = new byte[random.Next(0, 40)];
            random.NextBytes(frame);
            frames.Add(frame);
        }

        foreach (byte[] frame in frames)
        {
            Assert.Equal(frame, FrameText.Decode(FrameText.Encode(frame)));
        }
    }

    [Fact]
    public void Tab_separated_lines_hold_one_message_with_empty_and_binary_frames()
    {
        var format = new TabSeparatedFormat();
        using var message = new Message("topic", "");
        message.Add([0x00, 0x01]);
        message.Add("end");

        string line = format.Format(message);
        using Message parsed = format.Parse(line)!;

        Assert.Equal("topic\t\t0x0001\tend", line);
        Assert.Equal(4, parsed.Count);
        Assert.Equal(message.Select(f => f.ToArray()), parsed.Select(f => f.ToArray()));
    }

    [Theory]
    [InlineData("", new[] { "" })]
    [InlineData("\t", new[] { "", "" })]
    [InlineData("a\t", new[] { "a", "" })]
    [InlineData("a\t\tb", new[] { "a", "", "b" })]
    public void Empty_fields_are_empty_frames(string line, string[] frames)
    {
        using Message parsed = new TabSeparatedFormat().Parse(line)!;

        Assert.Equal(frames, Enumerable.Range(0, parsed.Count).Select(parsed.GetString));
    }

    [Fact]
    public void Json_lines_are_arrays_of_frame_strings()
    {
        var format = new JsonLinesFormat();
        using var message = new Message("topic", "", "é \"quoted\" <b>");
        message.Add([0xFF]);

        string line = format.Format(message);
        using Message parsed = format.Parse(line)!;

        Assert.Equal("""["topic","","é \"quoted\" <b>","0xff"]""", line);
        Assert.Equal(message.Select(f => f.ToArray()), parsed.Select(f => f.ToArray()));
    }

    [Fact]
    public void Json_input_may_use_escapes_and_skips_blank_lines()
    {
        var format = new JsonLinesFormat();

        using Message parsed = format.Parse("""[ "a\tb" , "\u00e9", "0x0a" ]""")!;

        Assert.Equal(["a\tb", "é", "\n"], Enumerable.Range(0, parsed.Count).Select(parsed.GetString));
        Assert.Null(format.Parse(""));
        Assert.Null(format.Parse("   "));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[\"a\"", "not JSON")]
    [InlineData("{\"a\":1}", "expected a JSON array")]
    [InlineData("\"a\"", "expected a JSON array")]
    [InlineData("[]", "one or more strings")]
    [InlineData("[\"a\", 2]", "number 2")]
    [InlineData("[null]", "null")]
    public void Bad_json_lines_are_format_errors(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => new JsonLinesFormat().Parse(line));

        Assert.Contains(expected, error.Message);
    }
}
