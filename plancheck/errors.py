"""Errors that end a file's processing with a one-line message (never a traceback)."""


class InputError(Exception):
    """A problem with an input (plan file, suite, configuration). The message names the file.

    ``str(exc)`` is the English message; ``exc.vi`` the Vietnamese one (the English one when
    no translation was given); ``exc.message(lang)`` picks one.
    """

    def __init__(self, en: str, vi: str | None = None):
        super().__init__(en)
        self.en = en
        self.vi = vi or en

    def message(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else self.en


_OS_REASONS = {
    "EACCES": ("permission denied", "không có quyền truy cập"),
    "EPERM": ("permission denied", "không có quyền truy cập"),
    "ENOENT": ("no such file or folder", "không tìm thấy tệp hoặc thư mục"),
    "ENOTDIR": ("a part of the path is not a folder", "một phần của đường dẫn không phải là thư mục"),
    "EISDIR": ("it is a folder", "đây là một thư mục"),
    "ENOSPC": ("no space left on the disk", "ổ đĩa đã hết dung lượng"),
    "EROFS": ("the disk is read-only", "ổ đĩa chỉ cho phép đọc"),
    "EEXIST": ("it already exists", "tệp đã tồn tại"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """(English, Vietnamese) words for an operating-system error, for a one-line message."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    text = exc.strerror or str(exc) or type(exc).__name__
    return text, f"lỗi hệ điều hành: {text}"


class EmptyInput(InputError):
    """A file with nothing in it (or only blank space): an error when named, skipped in a folder."""
