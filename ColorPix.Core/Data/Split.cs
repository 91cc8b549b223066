namespace ColorPix.Core.Data;

public enum Split { Train, Val, Test }
