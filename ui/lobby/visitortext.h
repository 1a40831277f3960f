#pragma once

#include <QString>
#include <memory>

class QTranslator;

namespace civicdesk {

// Text in a visitor's language (en, es), whatever the application's own language: the kiosk
// and the receipt speak to the visitor, the rest of the window to the agent. Sources are marked
// with QT_TRANSLATE_NOOP(context, ...) so lupdate finds them.
class VisitorText
{
public:
    explicit VisitorText(const QString &language);
    QString operator()(const char *context, const char *source) const;
    QString language() const { return m_language; }
    // The line every printout made in practice mode carries, top and bottom, in the visitor's
    // language, so no practice paper can pass for a real one.
    QString trainingLine() const;
    // The training line as the paragraph a printout's builder writes first and last in its
    // body when the printout is made in practice mode; empty for live work.
    QString trainingParagraph(bool training) const;

private:
    QString m_language;
    std::shared_ptr<QTranslator> m_translator;
};

} // namespace civicdesk
