#pragma once

// The GUI suites that run in English and, as <name>_es (CIVICDESK_TEST_LANGUAGE=es), in Spanish,
// at a desktop's usual 10 pt (offscreen gives 9 pt; Xvfb and most desktops 10 pt), where a long
// translation is cut first.

#include "tests/support/keyboardjourney.h"
#include "translations/translator.h"

#include <QApplication>
#include <QFont>

namespace civicdesk::test {

inline bool spanish()
{
    return qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE") == u"es";
}

class LanguageDeskFixture : public DeskFixture
{
protected:
    // In initTestCase(): the language's translation and the desktop font; false when the
    // translation did not load.
    bool useLanguageAndDesktopFont()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty() &&
            installTranslations(*QCoreApplication::instance(), language) != language)
            return false;
        m_font = QApplication::font();
        QFont desktop = m_font;
        desktop.setPointSize(10);
        QApplication::setFont(desktop);
        return true;
    }

    // In cleanupTestCase().
    void restoreFont() { QApplication::setFont(m_font); }

private:
    QFont m_font;
};

} // namespace civicdesk::test
