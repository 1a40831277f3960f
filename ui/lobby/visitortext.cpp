#include "ui/lobby/visitortext.h"

#include <QCoreApplication>
#include <QHash>
#include <QTranslator>

namespace civicdesk {

VisitorText::VisitorText(const QString &language) : m_language(language)
{
    // One translator per language for the whole program (the compiled .qm in the resources).
    static QHash<QString, std::shared_ptr<QTranslator>> loaded;
    auto &translator = loaded[language];
    if (!translator) {
        translator = std::make_shared<QTranslator>();
        if (!translator->load(QStringLiteral(":/i18n/civicdesk_%1.qm").arg(language)))
            translator.reset();
    }
    m_translator = translator;
}

QString VisitorText::operator()(const char *context, const char *source) const
{
    const QString text = m_translator ? m_translator->translate(context, source) : QString();
    return text.isEmpty() ? QString::fromUtf8(source) : text;
}

QString VisitorText::trainingLine() const
{
    return (*this)("civicdesk::VisitorText",
                   QT_TRANSLATE_NOOP("civicdesk::VisitorText",
                                     "TRAINING — practice only: nothing here was sent to the "
                                     "city and no request exists"));
}

QString VisitorText::trainingParagraph(bool training) const
{
    if (!training)
        return {};
    return QStringLiteral("<p style=\"font-size: 12pt\"><b>%1</b></p>")
        .arg(trainingLine().toHtmlEscaped());
}

} // namespace civicdesk
